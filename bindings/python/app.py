"""The indexed-demo example (examples/indexed-demo/main.ts) in Python, on the package `npm run bindings` builds.

Its YAML must be byte-identical to the TypeScript example's: `npm run bindings` compares them.
"""
import sys

import cdk8s
import cdk8s_plus_28 as kplus
from cdk8s_jobs import IndexedJob
from constructs import Construct


class IndexedDemoChart(cdk8s.Chart):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        IndexedJob(
            self,
            "demo",
            active_deadline=cdk8s.Duration.minutes(10),
            completions=5,
            parallelism=2,
            containers=[
                kplus.ContainerProps(
                    name="worker",
                    image="docker.io/library/busybox:1.37.0",
                    command=["sh", "-c", 'echo "processing index $JOB_COMPLETION_INDEX of 5"'],
                    # busybox runs as root by default; the safe defaults require a non-root user
                    security_context=kplus.ContainerSecurityContextProps(user=65534, group=65534),
                    resources=kplus.ContainerResources(
                        cpu=kplus.CpuResources(request=kplus.Cpu.millis(50)),
                        memory=kplus.MemoryResources(request=cdk8s.Size.mebibytes(32)),
                    ),
                )
            ],
        )


app = cdk8s.App(outdir=sys.argv[1])
IndexedDemoChart(app, "indexed-demo")
app.synth()
