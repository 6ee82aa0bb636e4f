// The indexed-demo example (examples/indexed-demo/main.ts) in Go, on the module `npm run bindings` builds.
// Its YAML must be byte-identical to the TypeScript example's: `npm run bindings` compares them.
package main

import (
	"os"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-jobs/cdk8s-jobs-go/cdk8sjobs"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2"
)

func NewIndexedDemoChart(scope constructs.Construct, id string) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), nil)
	cdk8sjobs.NewIndexedJob(chart, jsii.String("demo"), &cdk8sjobs.IndexedJobProps{
		ActiveDeadline: cdk8s.Duration_Minutes(jsii.Number(10)),
		Completions:    jsii.Number(5),
		Parallelism:    jsii.Number(2),
		Containers: &[]*cdk8splus28.ContainerProps{{
			Name:    jsii.String("worker"),
			Image:   jsii.String("docker.io/library/busybox:1.37.0"),
			Command: jsii.Strings("sh", "-c", `echo "processing index $JOB_COMPLETION_INDEX of 5"`),
			// busybox runs as root by default; the safe defaults require a non-root user
			SecurityContext: &cdk8splus28.ContainerSecurityContextProps{User: jsii.Number(65534), Group: jsii.Number(65534)},
			Resources: &cdk8splus28.ContainerResources{
				Cpu:    &cdk8splus28.CpuResources{Request: cdk8splus28.Cpu_Millis(jsii.Number(50))},
				Memory: &cdk8splus28.MemoryResources{Request: cdk8s.Size_Mebibytes(jsii.Number(32))},
			},
		}},
	})
	return chart
}

func main() {
	app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(os.Args[1])})
	NewIndexedDemoChart(app, "indexed-demo")
	app.Synth()
}
