// Command probe runs the real Job controller (through conformance/controller/harness.go and simulate.go) on each
// input of a JSON array read from stdin and prints a JSON array of what it did: with no argument, a Job synced once;
// with `simulate`, a {job, plan} scenario played to its end.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"k8s.io/kubernetes/pkg/controller/job"

	// the harness's own imports, named here so that `go mod vendor` brings them into the vendor tree
	_ "k8s.io/client-go/kubernetes/fake"
	_ "k8s.io/kubernetes/pkg/apis/batch/v1"
	_ "k8s.io/utils/clock/testing"
)

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(input, &items); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	run := job.CdkJobsProbe
	if len(os.Args) > 1 && os.Args[1] == "simulate" {
		run = job.CdkJobsSimulate
	}
	results := make([]json.RawMessage, 0, len(items))
	for n, item := range items {
		out, err := run(item)
		if err != nil {
			fmt.Fprintf(os.Stderr, "input %d: %v\n", n, err)
			os.Exit(1)
		}
		results = append(results, out)
	}
	out, _ := json.Marshal(results)
	fmt.Println(string(out))
}
