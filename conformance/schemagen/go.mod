module github.com/cdk8s-jobs/cdk8s-jobs/conformance/schemagen

go 1.24.0

require k8s.io/api v0.34.13
