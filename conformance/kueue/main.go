// The Kueue oracle: what Kueue's batch Job webhook (sigs.k8s.io/kueue, pkg/controller/jobs/job) says on create about
// each Job read from stdin, one JSON object per line. For each it writes one JSON line: the field errors of
// JobWebhook.ValidateCreate (the queue name, the partial-admission annotation and the rest of its create checks).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	batchv1 "k8s.io/api/batch/v1"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/kueue/pkg/controller/jobs/job"
)

type fieldError struct {
	Field  string `json:"field"`
	Type   string `json:"type"`
	Detail string `json:"detail"`
}

type verdict struct {
	Errors []fieldError `json:"errors"`
	Other  string       `json:"other,omitempty"`
	Panic  string       `json:"panic,omitempty"`
}

// defaulted applies what the API server's SetDefaults_Job (pkg/apis/batch/v1/defaults.go) does to the two counts
// before any admission webhook sees the Job: parallelism 1 when unset, and completions 1 when both are unset.
func defaulted(j *batchv1.Job) {
	if j.Spec.Completions == nil && j.Spec.Parallelism == nil {
		j.Spec.Completions = ptr.To[int32](1)
	}
	if j.Spec.Parallelism == nil {
		j.Spec.Parallelism = ptr.To[int32](1)
	}
}

func validate(line []byte) (v verdict) {
	v.Errors = []fieldError{}
	defer func() {
		if r := recover(); r != nil {
			v.Panic = fmt.Sprint(r)
		}
	}()
	var j batchv1.Job
	if err := json.Unmarshal(line, &j); err != nil {
		v.Other = "decode: " + err.Error()
		return v
	}
	defaulted(&j)
	_, err := (&job.JobWebhook{}).ValidateCreate(context.Background(), &j)
	if err == nil {
		return v
	}
	var aggregate utilerrors.Aggregate
	if !errors.As(err, &aggregate) {
		v.Other = err.Error()
		return v
	}
	for _, e := range aggregate.Errors() {
		var fe *field.Error
		if errors.As(e, &fe) {
			v.Errors = append(v.Errors, fieldError{Field: fe.Field, Type: string(fe.Type), Detail: fe.Detail})
		} else {
			v.Other = e.Error()
		}
	}
	return v
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		if err := out.Encode(validate(in.Bytes())); err != nil {
			panic(err)
		}
	}
	if err := in.Err(); err != nil {
		panic(err)
	}
}
