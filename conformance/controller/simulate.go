package job

import (
	"container/heap"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"

	batch "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	batchdefaults "k8s.io/kubernetes/pkg/apis/batch/v1"
	clocktesting "k8s.io/utils/clock/testing"
)

// This file is ours, not Kubernetes': compiled into the vendored pkg/controller/job by `go build -overlay` (see
// harness.go). CdkJobsSimulate plays the world of src/preview/simulator.ts (an API server that creates and deletes
// pods, a kubelet that runs them as the scenario says) around the real Job controller: syncJob is called at every
// change, until nothing changes, and again whenever the controller asks to be requeued. What the TypeScript
// preview predicts is compared with what this returns, field by field, in `npm run conformance`.

// simPlan is the scenario in milliseconds (src/preview/scenario.ts planOf, as JSON).
type simPlan struct {
	Duration    int64 `json:"duration"`
	ExitCode    int32 `json:"exitCode"`
	Terminating int64 `json:"terminating"`
	Pods        []struct {
		Indexes     []int            `json:"indexes"`
		Attempt     *int             `json:"attempt"`
		Duration    *int64           `json:"duration"`
		ExitCode    *int32           `json:"exitCode"`
		Containers  map[string]int32 `json:"containers"`
		Condition   string           `json:"condition"`
		Terminating *int64           `json:"terminating"`
	} `json:"pods"`
	Events []struct {
		At      int64 `json:"at"`
		Suspend *bool `json:"suspend"`
	} `json:"events"`
	Until int64 `json:"until"`
}

type podPlan struct {
	duration    int64
	codes       map[string]int32
	explicit    bool
	condition   string
	terminating int64
}

type simRun struct {
	uid      int
	Index    *int     `json:"index"`
	Attempt  int      `json:"attempt"`
	Start    float64  `json:"start"`
	End      *float64 `json:"end"`
	Result   string   `json:"result"`
	ExitCode *int32   `json:"exitCode"`
	Counted  bool     `json:"counted"`
}

type simEvent struct {
	time       int64
	seq        int
	kind       string
	pod        string
	run        *simRun
	plan       *podPlan
	codes      map[string]int32
	containers []string
	suspend    *bool
}

type recordingQueue struct {
	workqueue.TypedRateLimitingInterface[string]
	after []time.Duration
}

func (q *recordingQueue) AddAfter(item string, d time.Duration) { q.after = append(q.after, d) }

// recordedPodControl records what the controller asks for; the controller calls it from several goroutines.
type recordedPodControl struct {
	sync.Mutex
	creates []v1.PodTemplateSpec
	deletes []string
	patches []string
	ref     *metav1.OwnerReference
}

func (r *recordedPodControl) CreatePods(ctx context.Context, ns string, t *v1.PodTemplateSpec, o runtime.Object, ref *metav1.OwnerReference) error {
	return r.CreatePodsWithGenerateName(ctx, ns, t, o, ref, "")
}
func (r *recordedPodControl) CreatePodsWithGenerateName(ctx context.Context, ns string, t *v1.PodTemplateSpec, o runtime.Object, ref *metav1.OwnerReference, g string) error {
	r.Lock()
	defer r.Unlock()
	r.creates = append(r.creates, *t.DeepCopy())
	r.ref = ref
	return nil
}
func (r *recordedPodControl) DeletePod(ctx context.Context, ns, name string, o runtime.Object) error {
	r.Lock()
	defer r.Unlock()
	r.deletes = append(r.deletes, name)
	return nil
}
func (r *recordedPodControl) PatchPod(ctx context.Context, ns, name string, data []byte) error {
	r.Lock()
	defer r.Unlock()
	r.patches = append(r.patches, name)
	return nil
}

type world struct {
	ctx      context.Context
	jm       *Controller
	clock    *clocktesting.FakeClock
	start    time.Time
	job      *batch.Job
	jobs     cache.Indexer
	pods     cache.Indexer
	control  *recordedPodControl
	queue    *recordingQueue
	plan     simPlan
	events   eventHeap
	seq      int
	nextUID  int
	attempts map[int]int
	jobTries int
	runs     []*simRun
	current  map[string]*simRun
	deleted  map[string]int64
	wrote    bool
	counted  map[types.UID]bool
}

func (w *world) at(ms int64) time.Time { return w.start.Add(time.Duration(ms) * time.Millisecond) }

// eventHeap orders events by time, then in the order they were added (as the TypeScript EventQueue does).
type eventHeap []simEvent

func (h eventHeap) Len() int { return len(h) }
func (h eventHeap) Less(i, j int) bool {
	return h[i].time < h[j].time || (h[i].time == h[j].time && h[i].seq < h[j].seq)
}
func (h eventHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *eventHeap) Push(x any)   { *h = append(*h, x.(simEvent)) }
func (h *eventHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

func (w *world) push(e simEvent) {
	e.seq = w.seq
	w.seq++
	heap.Push(&w.events, e)
}

// popDue takes the earliest event due by now.
func (w *world) popDue(now int64) *simEvent {
	if len(w.events) == 0 || w.events[0].time > now {
		return nil
	}
	e := heap.Pop(&w.events).(simEvent)
	return &e
}

func (w *world) nextTime() (int64, bool) {
	if len(w.events) == 0 {
		return 0, false
	}
	return w.events[0].time, true
}

func (w *world) currentJob() *batch.Job {
	obj, _, _ := w.jobs.GetByKey(w.job.Namespace + "/" + w.job.Name)
	return obj.(*batch.Job)
}

func (w *world) finished() bool {
	for _, c := range w.currentJob().Status.Conditions {
		if (c.Type == batch.JobComplete || c.Type == batch.JobFailed) && c.Status == v1.ConditionTrue {
			return true
		}
	}
	return false
}

func (w *world) pod(name string) *v1.Pod {
	obj, ok, _ := w.pods.GetByKey(w.job.Namespace + "/" + name)
	if !ok {
		return nil
	}
	return obj.(*v1.Pod)
}

func (w *world) update(p *v1.Pod) {
	if p.DeletionTimestamp != nil && len(p.Finalizers) == 0 && (p.Status.Phase == v1.PodSucceeded || p.Status.Phase == v1.PodFailed) {
		_ = w.pods.Delete(p)
		return
	}
	_ = w.pods.Update(p)
}

func indexOf(p *v1.Pod) *int {
	if v, ok := p.Annotations[batch.JobCompletionIndexAnnotation]; ok {
		ix, err := strconv.Atoi(v)
		if err == nil {
			return &ix
		}
	}
	return nil
}

func setReady(p *v1.Pod, ready bool, now time.Time) {
	status := v1.ConditionFalse
	if ready {
		status = v1.ConditionTrue
	}
	for i := range p.Status.Conditions {
		if p.Status.Conditions[i].Type == v1.PodReady {
			if p.Status.Conditions[i].Status != status {
				p.Status.Conditions[i].Status = status
				p.Status.Conditions[i].LastTransitionTime = metav1.NewTime(now)
			}
			return
		}
	}
	p.Status.Conditions = append(p.Status.Conditions, v1.PodCondition{Type: v1.PodReady, Status: status, LastTransitionTime: metav1.NewTime(now)})
}

func isSidecar(c v1.Container) bool {
	return c.RestartPolicy != nil && *c.RestartPolicy == v1.ContainerRestartPolicyAlways
}

func (w *world) planFor(p *v1.Pod, attempt int) *podPlan {
	ix := indexOf(p)
	spec := w.job.Spec.Template.Spec
	for _, entry := range w.plan.Pods {
		if entry.Indexes != nil {
			if ix == nil {
				continue
			}
			found := false
			for _, i := range entry.Indexes {
				found = found || i == *ix
			}
			if !found {
				continue
			}
		}
		if entry.Attempt != nil && *entry.Attempt != attempt {
			continue
		}
		evicted := entry.Condition == "DisruptionTarget"
		fallback := w.plan.ExitCode
		if evicted {
			fallback = 143
		}
		if entry.ExitCode != nil {
			fallback = *entry.ExitCode
		}
		plan := &podPlan{duration: w.plan.Duration, codes: map[string]int32{}, explicit: entry.ExitCode != nil || entry.Containers != nil,
			condition: entry.Condition, terminating: w.plan.Terminating}
		if entry.Duration != nil {
			plan.duration = *entry.Duration
		}
		if entry.Terminating != nil {
			plan.terminating = *entry.Terminating
		}
		for _, c := range spec.Containers {
			plan.codes[c.Name] = fallback
			if code, ok := entry.Containers[c.Name]; ok {
				plan.codes[c.Name] = code
			}
		}
		for _, c := range spec.InitContainers {
			plan.codes[c.Name] = 0
			if code, ok := entry.Containers[c.Name]; ok && !isSidecar(c) {
				plan.codes[c.Name] = code
			}
		}
		return plan
	}
	plan := &podPlan{duration: w.plan.Duration, codes: map[string]int32{}, terminating: w.plan.Terminating}
	for _, c := range spec.Containers {
		plan.codes[c.Name] = w.plan.ExitCode
	}
	for _, c := range spec.InitContainers {
		plan.codes[c.Name] = 0
	}
	return plan
}

func (w *world) nextAttempt(ix *int) int {
	if ix == nil {
		w.jobTries++
		return w.jobTries - 1
	}
	a := w.attempts[*ix]
	w.attempts[*ix] = a + 1
	return a
}

func (w *world) startRun(now int64, p *v1.Pod) {
	attempt := w.nextAttempt(indexOf(p))
	plan := w.planFor(p, attempt)
	run := &simRun{uid: len(w.runs), Index: indexOf(p), Attempt: attempt, Start: float64(now) / 1000, Result: "Running"}
	w.runs = append(w.runs, run)
	w.current[p.Name] = run
	w.push(simEvent{time: now + plan.duration, kind: "end", pod: p.Name, run: run, plan: plan})
}

func (w *world) create(now int64, t v1.PodTemplateSpec) {
	w.nextUID++
	uid := w.nextUID
	ix := indexOf(&v1.Pod{ObjectMeta: t.ObjectMeta})
	name := fmt.Sprintf("%s-p%04d", w.job.Name, uid)
	if ix != nil {
		name = fmt.Sprintf("%s-%d-p%04d", w.job.Name, *ix, uid)
	}
	p := &v1.Pod{ObjectMeta: *t.ObjectMeta.DeepCopy(), Spec: *t.Spec.DeepCopy()}
	p.Name = name
	p.Namespace = w.job.Namespace
	p.UID = types.UID(strconv.Itoa(uid))
	p.CreationTimestamp = metav1.NewTime(w.at(now))
	p.OwnerReferences = []metav1.OwnerReference{*w.control.ref}
	p.Status.Phase = v1.PodRunning
	setReady(p, true, w.at(now))
	for _, c := range p.Spec.InitContainers {
		s := v1.ContainerStatus{Name: c.Name}
		if isSidecar(c) {
			s.State.Running = &v1.ContainerStateRunning{StartedAt: metav1.NewTime(w.at(now))}
		} else {
			s.State.Terminated = &v1.ContainerStateTerminated{ExitCode: 0, FinishedAt: metav1.NewTime(w.at(now))}
		}
		p.Status.InitContainerStatuses = append(p.Status.InitContainerStatuses, s)
	}
	for _, c := range p.Spec.Containers {
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, v1.ContainerStatus{Name: c.Name, State: v1.ContainerState{Running: &v1.ContainerStateRunning{StartedAt: metav1.NewTime(w.at(now))}}})
	}
	_ = w.pods.Add(p)
	w.startRun(now, p)
}

func terminal(p *v1.Pod) bool {
	return p.Status.Phase == v1.PodSucceeded || p.Status.Phase == v1.PodFailed
}

func firstFailure(statuses []v1.ContainerStatus) *int32 {
	var first *int32
	for _, s := range statuses {
		if s.State.Terminated == nil {
			continue
		}
		code := s.State.Terminated.ExitCode
		if code != 0 {
			return &code
		}
		if first == nil {
			first = &code
		}
	}
	return first
}

func (w *world) finish(now int64, p *v1.Pod, phase v1.PodPhase) {
	p.Status.Phase = phase
	setReady(p, false, w.at(now))
	w.update(p)
}

func (w *world) stopSidecars(now int64, p *v1.Pod) {
	for i, c := range p.Spec.InitContainers {
		if isSidecar(c) && p.Status.InitContainerStatuses[i].State.Terminated == nil {
			p.Status.InitContainerStatuses[i].State = v1.ContainerState{Terminated: &v1.ContainerStateTerminated{ExitCode: 0, FinishedAt: metav1.NewTime(w.at(now))}}
		}
	}
}

func (w *world) endRun(now int64, e *simEvent) bool {
	old := w.pod(e.pod)
	if old == nil || w.current[e.pod] != e.run || old.DeletionTimestamp != nil || terminal(old) {
		return false
	}
	p := old.DeepCopy()
	run, plan := e.run, e.plan
	if plan.condition == "DisruptionTarget" {
		p.Status.Conditions = append(p.Status.Conditions, v1.PodCondition{Type: v1.DisruptionTarget, Status: v1.ConditionTrue, LastTransitionTime: metav1.NewTime(w.at(now))})
		run.Result = "Disrupted"
		p.DeletionTimestamp = &metav1.Time{Time: w.at(now)}
		w.deleted[p.Name] = now
		var codes map[string]int32
		if plan.explicit {
			codes = plan.codes
		}
		w.push(simEvent{time: now + plan.terminating, kind: "stop", pod: p.Name, codes: codes})
		w.update(p)
		return true
	}
	if plan.condition != "" {
		p.Status.Conditions = append(p.Status.Conditions, v1.PodCondition{Type: v1.PodConditionType(plan.condition), Status: v1.ConditionTrue, LastTransitionTime: metav1.NewTime(w.at(now))})
	}
	restartable := p.Spec.RestartPolicy == v1.RestartPolicyOnFailure
	for i, c := range p.Spec.InitContainers {
		if isSidecar(c) || plan.codes[c.Name] == 0 {
			continue
		}
		code := plan.codes[c.Name]
		p.Status.InitContainerStatuses[i].State = v1.ContainerState{Terminated: &v1.ContainerStateTerminated{ExitCode: code, FinishedAt: metav1.NewTime(w.at(now))}}
		run.ExitCode = &code
		if restartable {
			return w.crash(now, p, run, []string{c.Name})
		}
		for j := range p.Status.ContainerStatuses {
			p.Status.ContainerStatuses[j].State = v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: "PodInitializing"}}
		}
		w.finish(now, p, v1.PodFailed)
		run.Result = "Failed"
		end := float64(now) / 1000
		run.End = &end
		return true
	}
	var failed []string
	for i, c := range p.Spec.Containers {
		s := &p.Status.ContainerStatuses[i]
		if s.State.Terminated != nil && s.State.Terminated.ExitCode == 0 {
			continue
		}
		code := plan.codes[c.Name]
		s.State = v1.ContainerState{Terminated: &v1.ContainerStateTerminated{ExitCode: code, FinishedAt: metav1.NewTime(w.at(now))}}
		if code != 0 {
			failed = append(failed, c.Name)
		}
	}
	run.ExitCode = firstFailure(p.Status.ContainerStatuses)
	if len(failed) > 0 && restartable {
		return w.crash(now, p, run, failed)
	}
	w.stopSidecars(now, p)
	end := float64(now) / 1000
	run.End = &end
	if len(failed) > 0 {
		run.Result = "Failed"
		w.finish(now, p, v1.PodFailed)
	} else {
		run.Result = "Succeeded"
		w.finish(now, p, v1.PodSucceeded)
	}
	return true
}

func (w *world) status(p *v1.Pod, name string) *v1.ContainerStatus {
	for i := range p.Status.ContainerStatuses {
		if p.Status.ContainerStatuses[i].Name == name {
			return &p.Status.ContainerStatuses[i]
		}
	}
	for i := range p.Status.InitContainerStatuses {
		if p.Status.InitContainerStatuses[i].Name == name {
			return &p.Status.InitContainerStatuses[i]
		}
	}
	return nil
}

func (w *world) crash(now int64, p *v1.Pod, run *simRun, containers []string) bool {
	run.Result = "Restarted"
	end := float64(now) / 1000
	run.End = &end
	run.Counted = true
	setReady(p, false, w.at(now))
	restarts := int32(0)
	for _, name := range containers {
		if s := w.status(p, name); s.RestartCount > restarts {
			restarts = s.RestartCount
		}
	}
	delay := int64(0)
	if restarts > 0 {
		delay = 10_000
		for i := int32(1); i < restarts && delay < 300_000; i++ {
			delay *= 2
		}
		if delay > 300_000 {
			delay = 300_000
		}
	}
	w.update(p)
	w.push(simEvent{time: now + delay, kind: "restart", pod: p.Name, containers: containers})
	return true
}

func (w *world) restart(now int64, e *simEvent) bool {
	old := w.pod(e.pod)
	if old == nil || old.DeletionTimestamp != nil || terminal(old) {
		return false
	}
	p := old.DeepCopy()
	for _, name := range e.containers {
		s := w.status(p, name)
		s.RestartCount++
		s.LastTerminationState = s.State
		s.State = v1.ContainerState{Running: &v1.ContainerStateRunning{StartedAt: metav1.NewTime(w.at(now))}}
	}
	setReady(p, true, w.at(now))
	w.update(p)
	w.startRun(now, p)
	return true
}

func (w *world) remove(now int64, name string) {
	old := w.pod(name)
	if old == nil || old.DeletionTimestamp != nil {
		return
	}
	p := old.DeepCopy()
	p.DeletionTimestamp = &metav1.Time{Time: w.at(now)}
	w.deleted[name] = now
	run := w.current[name]
	if run != nil && run.Result == "Running" {
		run.Result = "Deleted"
	}
	terminating := w.plan.Terminating
	if run != nil && run.Result != "Restarted" {
		terminating = w.planFor(p, run.Attempt).terminating
	}
	w.update(p)
	w.push(simEvent{time: now + terminating, kind: "stop", pod: name})
}

func (w *world) stop(now int64, e *simEvent) bool {
	old := w.pod(e.pod)
	if old == nil || terminal(old) {
		return false
	}
	p := old.DeepCopy()
	allSucceeded := true
	for i, c := range p.Spec.Containers {
		s := &p.Status.ContainerStatuses[i]
		if s.State.Terminated == nil && s.State.Running != nil || s.State.Terminated == nil && s.RestartCount > 0 || s.State.Terminated == nil && s.State.Waiting == nil {
			code := int32(143)
			if e.codes != nil {
				code = e.codes[c.Name]
			}
			s.State = v1.ContainerState{Terminated: &v1.ContainerStateTerminated{ExitCode: code, FinishedAt: metav1.NewTime(w.at(now))}}
		}
		if s.State.Terminated == nil || s.State.Terminated.ExitCode != 0 {
			allSucceeded = false
		}
	}
	w.stopSidecars(now, p)
	if run := w.current[p.Name]; run != nil && run.End == nil {
		end := float64(now) / 1000
		run.End = &end
		run.ExitCode = firstFailure(p.Status.ContainerStatuses)
	}
	if allSucceeded {
		w.finish(now, p, v1.PodSucceeded)
	} else {
		w.finish(now, p, v1.PodFailed)
	}
	return true
}

func (w *world) handle(e *simEvent) bool {
	switch e.kind {
	case "job":
		if e.suspend != nil {
			j := w.currentJob().DeepCopy()
			j.Spec.Suspend = e.suspend
			_ = w.jobs.Update(j)
		}
		return true
	case "end":
		return w.endRun(e.time, e)
	case "stop":
		return w.stop(e.time, e)
	case "restart":
		return w.restart(e.time, e)
	}
	return false
}

func (w *world) instant(now int64) error {
	key := w.job.Namespace + "/" + w.job.Name
	logger := klog.FromContext(w.ctx)
	for i := 0; i < 1000; i++ {
		changed := false
		for e := w.popDue(now); e != nil; e = w.popDue(now) {
			if w.handle(e) {
				changed = true
			}
		}
		if w.finished() {
			return nil
		}
		w.clock.SetTime(w.at(now))
		w.control.creates, w.control.deletes, w.control.patches = nil, nil, nil
		w.queue.after = nil
		w.wrote = false
		completedBefore := w.currentJob().Status.CompletedIndexes
		if err := w.jm.syncJob(w.ctx, key); err != nil {
			return err
		}
		w.jm.expectations.DeleteExpectations(logger, key)
		w.jm.finalizerExpectations.deleteExpectations(logger, key)
		completedAfter := w.currentJob().Status.CompletedIndexes
		for _, name := range w.control.patches {
			old := w.pod(name)
			if old == nil {
				continue
			}
			if w.job.Spec.CompletionMode != nil && *w.job.Spec.CompletionMode == batch.IndexedCompletion && old.Status.Phase == v1.PodSucceeded {
				if ix := indexOf(old); ix != nil && !hasIndex(completedBefore, *ix, *w.job.Spec.Completions) && hasIndex(completedAfter, *ix, *w.job.Spec.Completions) {
					w.counted[old.UID] = true
				}
			}
			if run := w.current[name]; run != nil && w.counted[old.UID] {
				run.Counted = true
			}
			p := old.DeepCopy()
			p.Finalizers = nil
			w.update(p)
		}
		for _, name := range w.control.deletes {
			w.remove(now, name)
		}
		sort.SliceStable(w.control.creates, func(a, b int) bool {
			ia, ib := indexOf(&v1.Pod{ObjectMeta: w.control.creates[a].ObjectMeta}), indexOf(&v1.Pod{ObjectMeta: w.control.creates[b].ObjectMeta})
			return ia != nil && ib != nil && *ia < *ib
		})
		for _, t := range w.control.creates {
			w.create(now, t)
		}
		if len(w.queue.after) > 0 {
			min := w.queue.after[0]
			for _, d := range w.queue.after {
				if d < min {
					min = d
				}
			}
			w.push(simEvent{time: now + min.Milliseconds(), kind: "sync"})
		}
		acted := len(w.control.creates)+len(w.control.deletes)+len(w.control.patches) > 0
		if !acted && !changed && !w.wrote {
			return nil
		}
	}
	return fmt.Errorf("more than 1000 syncs at %dms", now)
}

func hasIndex(intervals string, ix int, completions int32) bool {
	return parseIndexesFromString(klog.Background(), intervals, int(completions)).has(ix)
}

// CdkJobsSimulate runs one scenario: {"job": <a Job manifest>, "plan": <the scenario in milliseconds>}.
func CdkJobsSimulate(input []byte) ([]byte, error) {
	var in struct {
		Job  batch.Job `json:"job"`
		Plan simPlan   `json:"plan"`
	}
	if err := json.Unmarshal(input, &in); err != nil {
		return nil, err
	}
	job := in.Job
	batchdefaults.SetObjectDefaults_Job(&job)
	if job.Namespace == "" {
		job.Namespace = "default"
	}
	job.UID = "simulated-job"
	job.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{batch.ControllerUidLabel: string(job.UID)}}
	if job.Spec.Template.Labels == nil {
		job.Spec.Template.Labels = map[string]string{}
	}
	job.Spec.Template.Labels[batch.ControllerUidLabel] = string(job.UID)
	if job.Spec.Template.Annotations == nil {
		job.Spec.Template.Annotations = map[string]string{}
	}
	ctx := context.Background()
	client := fake.NewSimpleClientset()
	factory := informers.NewSharedInformerFactory(client, 0)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := clocktesting.NewFakeClock(start)
	jm, err := newControllerWithClock(ctx, factory.Core().V1().Pods(), factory.Batch().V1().Jobs(), client, clock)
	if err != nil {
		return nil, err
	}
	w := &world{ctx: ctx, jm: jm, clock: clock, start: start, job: &job, plan: in.Plan, attempts: map[int]int{}, runs: []*simRun{},
		current: map[string]*simRun{}, deleted: map[string]int64{}, counted: map[types.UID]bool{}}
	w.control = &recordedPodControl{}
	w.queue = &recordingQueue{TypedRateLimitingInterface: jm.queue}
	jm.queue = w.queue
	jm.podControl = w.control
	jm.podStoreSynced = func() bool { return true }
	jm.jobStoreSynced = func() bool { return true }
	w.jobs = factory.Batch().V1().Jobs().Informer().GetIndexer()
	w.pods = factory.Core().V1().Pods().Informer().GetIndexer()
	jm.updateStatusHandler = func(ctx context.Context, j *batch.Job) (*batch.Job, error) {
		// the API server's own check (RejectMoreReadyThanActivePods): the status v1.34.4 wrote during a backoff
		// (kubernetes/kubernetes#139428) is refused, and so is any other
		if j.Status.Ready != nil && *j.Status.Ready > j.Status.Active {
			return nil, fmt.Errorf("status refused: cannot set more ready pods (%d) than active (%d)", *j.Status.Ready, j.Status.Active)
		}
		w.wrote = true
		if u := j.Status.UncountedTerminatedPods; u != nil {
			for _, uid := range append(append([]types.UID{}, u.Failed...), u.Succeeded...) {
				w.counted[uid] = true
			}
		}
		stored := j.DeepCopy()
		_ = w.jobs.Update(stored)
		return j, nil
	}
	jm.patchJobHandler = func(ctx context.Context, j *batch.Job, patch []byte) error { return nil }
	if err := w.jobs.Add(&job); err != nil {
		return nil, err
	}
	for _, e := range in.Plan.Events {
		w.push(simEvent{time: e.At, kind: "job", suspend: e.Suspend})
	}
	now := int64(0)
	if err := w.instant(now); err != nil {
		return nil, err
	}
	for !w.finished() {
		next, ok := w.nextTime()
		if !ok {
			break
		}
		if next > in.Plan.Until {
			break
		}
		now = next
		if err := w.instant(now); err != nil {
			return nil, err
		}
	}
	// a run whose pod was counted after its run ended (the UID entered uncountedTerminatedPods)
	for name, run := range w.current {
		if p := w.podByRun(name); p != "" && w.counted[types.UID(p)] {
			run.Counted = true
		}
	}
	return w.result()
}

func (w *world) podByRun(name string) string {
	// pod names end in p<uid>
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == 'p' {
			n, err := strconv.Atoi(name[i+1:])
			if err == nil {
				return strconv.Itoa(n)
			}
			return ""
		}
	}
	return ""
}

func (w *world) result() ([]byte, error) {
	j := w.currentJob()
	outcome, reason := "Running", any(nil)
	var duration any
	conditions := []map[string]any{}
	for _, c := range j.Status.Conditions {
		at := float64(c.LastTransitionTime.Time.Sub(w.start).Milliseconds()) / 1000
		conditions = append(conditions, map[string]any{"type": string(c.Type), "status": string(c.Status), "reason": c.Reason, "message": c.Message, "time": at})
		if (c.Type == batch.JobComplete || c.Type == batch.JobFailed) && c.Status == v1.ConditionTrue {
			outcome = string(c.Type)
			reason = c.Reason
			duration = at
		}
	}
	if outcome == "Running" && j.Spec.Suspend != nil && *j.Spec.Suspend {
		reason = "Suspended"
	}
	terminating := int32(0)
	if j.Status.Terminating != nil {
		terminating = *j.Status.Terminating
	}
	var failedIndexes any
	if j.Status.FailedIndexes != nil {
		failedIndexes = *j.Status.FailedIndexes
	}
	return json.Marshal(map[string]any{
		"outcome": outcome, "reason": reason, "duration": duration, "conditions": conditions,
		"status": map[string]any{"active": j.Status.Active, "succeeded": j.Status.Succeeded, "failed": j.Status.Failed,
			"terminating": terminating, "completedIndexes": j.Status.CompletedIndexes, "failedIndexes": failedIndexes},
		"pods": w.runs,
	})
}
