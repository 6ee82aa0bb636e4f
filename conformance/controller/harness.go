package job

import (
	"context"
	"encoding/json"
	"time"

	batch "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/kubernetes/pkg/controller"
	clocktesting "k8s.io/utils/clock/testing"
	"k8s.io/utils/ptr"
)

// This file is ours, not Kubernetes': `npm run conformance` compiles it into the vendored copy of
// k8s.io/kubernetes/pkg/controller/job with `go build -overlay` (conformance/run.ts buildController), so that it can
// drive the real Job controller the way the controller's own unit tests do: a fake clientset, a fake clock, and
// syncJob called directly. Nothing of Kubernetes is copied into the repository; the vendor tree is a build product.

// CdkJobsProbe syncs one Job once with the real controller and reports how many pods it creates and the status it
// writes: the first step of the ground truth for the behaviour preview (issue 13).
func CdkJobsProbe(jobJSON []byte) ([]byte, error) {
	var job batch.Job
	if err := json.Unmarshal(jobJSON, &job); err != nil {
		return nil, err
	}
	ctx := context.Background()
	client := fake.NewSimpleClientset()
	factory := informers.NewSharedInformerFactory(client, 0)
	clock := clocktesting.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	jm, err := newControllerWithClock(ctx, factory.Core().V1().Pods(), factory.Batch().V1().Jobs(), client, clock)
	if err != nil {
		return nil, err
	}
	podControl := &controller.FakePodControl{}
	jm.podControl = podControl
	jm.podStoreSynced = func() bool { return true }
	jm.jobStoreSynced = func() bool { return true }
	var status *batch.JobStatus
	jm.updateStatusHandler = func(ctx context.Context, j *batch.Job) (*batch.Job, error) {
		status = j.Status.DeepCopy()
		return j, nil
	}
	jm.patchJobHandler = func(ctx context.Context, j *batch.Job, patch []byte) error { return nil }
	if job.Namespace == "" {
		job.Namespace = "default"
	}
	job.UID = "probe-uid"
	if job.Spec.Selector == nil {
		job.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"batch.kubernetes.io/controller-uid": "probe-uid"}}
	}
	if job.Spec.BackoffLimit == nil {
		job.Spec.BackoffLimit = ptr.To[int32](6)
	}
	if job.Spec.Parallelism == nil {
		job.Spec.Parallelism = ptr.To[int32](1)
	}
	if job.Spec.Template.Spec.RestartPolicy == "" {
		job.Spec.Template.Spec.RestartPolicy = v1.RestartPolicyNever
	}
	if err := factory.Batch().V1().Jobs().Informer().GetIndexer().Add(&job); err != nil {
		return nil, err
	}
	if err := jm.syncJob(ctx, "default/"+job.Name); err != nil {
		return nil, err
	}
	out := map[string]any{"created": len(podControl.Templates), "status": status}
	return json.Marshal(out)
}
