// The indexed-demo example (examples/indexed-demo/main.ts) in Java, on the package `npm run bindings` builds.
// Its YAML must be byte-identical to the TypeScript example's: `npm run bindings` compares them.
package dev.cdk8sjobs.example;

import java.util.List;

import dev.cdk8sjobs.IndexedJob;
import dev.cdk8sjobs.IndexedJobProps;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.Duration;
import org.cdk8s.Size;
import org.cdk8s.plus28.ContainerProps;
import org.cdk8s.plus28.ContainerResources;
import org.cdk8s.plus28.ContainerSecurityContextProps;
import org.cdk8s.plus28.Cpu;
import org.cdk8s.plus28.CpuResources;
import org.cdk8s.plus28.MemoryResources;
import software.constructs.Construct;

public final class Main {
    static final class IndexedDemoChart extends Chart {
        IndexedDemoChart(final Construct scope, final String id) {
            super(scope, id);
            new IndexedJob(this, "demo", IndexedJobProps.builder()
                .activeDeadline(Duration.minutes(10))
                .completions(5)
                .parallelism(2)
                .containers(List.of(ContainerProps.builder()
                    .name("worker")
                    .image("docker.io/library/busybox:1.37.0")
                    .command(List.of("sh", "-c", "echo \"processing index $JOB_COMPLETION_INDEX of 5\""))
                    // busybox runs as root by default; the safe defaults require a non-root user
                    .securityContext(ContainerSecurityContextProps.builder().user(65534).group(65534).build())
                    .resources(ContainerResources.builder()
                        .cpu(CpuResources.builder().request(Cpu.millis(50)).build())
                        .memory(MemoryResources.builder().request(Size.mebibytes(32)).build())
                        .build())
                    .build()))
                .build());
        }
    }

    public static void main(final String[] args) {
        final App app = new App(AppProps.builder().outdir(args[0]).build());
        new IndexedDemoChart(app, "indexed-demo");
        app.synth();
    }
}
