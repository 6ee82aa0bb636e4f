// Command probe runs the real Job controller (through conformance/controller/harness.go) on each Job of a JSON array
// read from stdin and prints a JSON array of what it did.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"k8s.io/kubernetes/pkg/controller/job"

	// the harness's own imports, named here so that `go mod vendor` brings them into the vendor tree
	_ "k8s.io/client-go/kubernetes/fake"
	_ "k8s.io/utils/clock/testing"
)

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var jobs []json.RawMessage
	if err := json.Unmarshal(input, &jobs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	results := make([]json.RawMessage, 0, len(jobs))
	for _, j := range jobs {
		out, err := job.CdkJobsProbe(j)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		results = append(results, out)
	}
	out, _ := json.Marshal(results)
	fmt.Println(string(out))
}
