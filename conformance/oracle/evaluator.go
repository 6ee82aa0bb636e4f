//go:build !k8s137

package main

import "k8s.io/pod-security-admission/policy"

// newEvaluator builds the Pod Security evaluator of this module's line (1.34: one argument).
func newEvaluator() (policy.Evaluator, error) {
	return policy.NewEvaluator(policy.DefaultChecks())
}
