// Command oracle answers, for every batch/v1 Job and CronJob in a YAML stream, what a Kubernetes API server
// of this module's line does on create, and what Pod Security admission says of the pod template.
//
// It runs Kubernetes' own code, brought in as Go modules (nothing of it is copied here):
//   - reading: the stream is split and each document turned into JSON the way kubectl does it
//     (k8s.io/apimachinery/pkg/util/yaml.YAMLReader, sigs.k8s.io/yaml.YAMLToJSON); a List is
//     created item by item, as kubectl does;
//   - decoding: the API server's strict JSON serializer (fieldValidation=Strict, kubectl's default),
//     defaulting and conversion to the internal version (CodecFactory.DecoderToVersion);
//   - create: rest.BeforeCreate's order: the registry strategy's PrepareForCreate (generated selector,
//     fields of disabled features dropped), Validate, then ValidateObjectMetaAccessor, WarningsOnCreate;
//   - Pod Security admission: policy.NewEvaluator(policy.DefaultChecks()).EvaluatePod at baseline and
//     restricted, for the policy version given with -pss-version, on the v1 pod template.
//
// Output: one JSON array, one entry per Job or CronJob, in stream order.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	genericvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/api/validation/path"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/batch"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	"k8s.io/kubernetes/pkg/capabilities"
	cronjobstore "k8s.io/kubernetes/pkg/registry/batch/cronjob"
	jobstore "k8s.io/kubernetes/pkg/registry/batch/job"
	psaapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
	batchv1 "k8s.io/api/batch/v1"
	sigsyaml "sigs.k8s.io/yaml"
)

// FieldError is one entry of the API server's 422 Invalid answer (or of a 400 from strict decoding).
type FieldError struct {
	Field  string `json:"field"`
	Type   string `json:"type"`
	Detail string `json:"detail"`
}

// LevelVerdict is what Pod Security admission says of the pod template at one level.
type LevelVerdict struct {
	Allowed bool     `json:"allowed"`
	Reasons []string `json:"reasons"`
}

// Verdict is the oracle's answer for one object.
type Verdict struct {
	Doc      int                     `json:"doc"`
	Item     int                     `json:"item"`
	Kind     string                  `json:"kind"`
	Name     string                  `json:"name"`
	Accepted bool                    `json:"accepted"`
	Errors   []FieldError            `json:"errors"`
	Warnings []string                `json:"warnings"`
	// Dropped names the fields PrepareForCreate removed: fields of a feature that is off (accepted, then lost).
	Dropped  []string                `json:"dropped"`
	PSS      map[string]LevelVerdict `json:"pss,omitempty"`
	JSON     json.RawMessage         `json:"json,omitempty"`
}

var (
	pssVersion = flag.String("pss-version", "1.34", "Pod Security Standards policy version")
	emitJSON   = flag.Bool("emit-json", false, "also print each document as kubectl reads it (JSON)")
	gates      = flag.Bool("gates", false, "print the feature gates of this Kubernetes line with their versioned defaults, and exit")
	decodeOnly = flag.Bool("decode", false, "print each document of the stream as kubectl reads it (JSON, or the error), and exit")
	decodeMany = flag.Bool("decode-streams", false, "read a JSON array of YAML streams and print, for each, its documents as kubectl reads them")
)

func main() {
	flag.Parse()
	// kube-apiserver --allow-privileged=true, as kubeadm, kind and the managed services run it: privileged
	// containers are then a matter for Pod Security admission, which the oracle reports separately.
	capabilities.Initialize(capabilities.Capabilities{AllowPrivileged: true})
	if *gates {
		if err := dumpGates(); err != nil {
			fail(err)
		}
		return
	}
	version, err := psaapi.ParseVersion("v" + strings.TrimPrefix(*pssVersion, "v"))
	if err != nil {
		fail(err)
	}
	evaluator, err := newEvaluator()
	if err != nil {
		fail(err)
	}
	o := &oracle{
		codecs:    serializer.NewCodecFactory(legacyscheme.Scheme, serializer.EnableStrict),
		evaluator: evaluator,
		version:   version,
	}
	var input io.Reader = os.Stdin
	if flag.NArg() > 0 {
		var readers []io.Reader
		for _, name := range flag.Args() {
			data, err := os.ReadFile(name)
			if err != nil {
				fail(err)
			}
			readers = append(readers, bytes.NewReader(data), strings.NewReader("\n---\n"))
		}
		input = io.MultiReader(readers...)
	}
	if *decodeOnly || *decodeMany {
		var err error
		if *decodeMany {
			err = decodeStreams(input)
		} else {
			var docs []Decoded
			if docs, err = decodeStream(input); err == nil {
				err = writeJSON(docs)
			}
		}
		if err != nil {
			fail(err)
		}
		return
	}
	verdicts, err := o.readStream(input)
	if err != nil {
		fail(err)
	}
	out := bufio.NewWriter(os.Stdout)
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(verdicts); err != nil {
		fail(err)
	}
	out.Flush()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "oracle:", err)
	os.Exit(2)
}

type oracle struct {
	codecs    serializer.CodecFactory
	evaluator policy.Evaluator
	version   psaapi.Version
}

func (o *oracle) readStream(input io.Reader) ([]Verdict, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReaderSize(input, 1<<20))
	verdicts := []Verdict{}
	for doc := 0; ; doc++ {
		raw, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return verdicts, nil
		}
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", doc, err)
		}
		data, err := sigsyaml.YAMLToJSON(raw)
		if err != nil {
			verdicts = append(verdicts, Verdict{Doc: doc, Item: -1, Errors: []FieldError{{Type: "YAMLError", Detail: err.Error()}}})
			continue
		}
		if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
			continue
		}
		var head struct {
			APIVersion string            `json:"apiVersion"`
			Kind       string            `json:"kind"`
			Items      []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(data, &head); err != nil {
			verdicts = append(verdicts, Verdict{Doc: doc, Item: -1, Errors: []FieldError{{Type: "JSONError", Detail: err.Error()}}})
			continue
		}
		if head.Kind == "List" || strings.HasSuffix(head.Kind, "List") && head.APIVersion == "v1" {
			for item, itemData := range head.Items {
				if v, ok := o.create(itemData); ok {
					v.Doc, v.Item = doc, item
					verdicts = append(verdicts, v)
				}
			}
			continue
		}
		if v, ok := o.create(data); ok {
			v.Doc, v.Item = doc, -1
			verdicts = append(verdicts, v)
		}
	}
}

const fixedUID = types.UID("00000000-0000-4000-8000-000000000000")

// create runs what the API server runs for a POST of data; ok is false for kinds other than batch Job and CronJob.
func (o *oracle) create(data []byte) (Verdict, bool) {
	var head metav1.TypeMeta
	_ = json.Unmarshal(data, &head)
	if head.APIVersion != "batch/v1" || (head.Kind != "Job" && head.Kind != "CronJob") {
		return Verdict{}, false
	}
	v := Verdict{Kind: head.Kind, Errors: []FieldError{}, Warnings: []string{}, Dropped: []string{}}
	if *emitJSON {
		v.JSON = json.RawMessage(data)
	}
	info, _ := runtime.SerializerInfoForMediaType(o.codecs.SupportedMediaTypes(), runtime.ContentTypeJSON)
	decoder := o.codecs.DecoderToVersion(info.StrictSerializer, schema.GroupVersion{Group: batch.GroupName, Version: runtime.APIVersionInternal})
	obj, _, err := decoder.Decode(data, nil, nil)
	if err != nil {
		if strict, ok := runtime.AsStrictDecodingError(err); ok {
			for _, e := range strict.Errors() {
				v.Errors = append(v.Errors, strictError(e))
			}
		} else {
			v.Errors = append(v.Errors, decodeError(err))
		}
		if obj == nil || len(v.Errors) > 0 {
			if accessor, ok := obj.(metav1.Object); ok {
				v.Name = accessor.GetName()
			}
			return v, true
		}
	}
	meta := obj.(metav1.Object)
	v.Name = meta.GetName()
	namespace := meta.GetNamespace()
	if namespace == "" {
		namespace = metav1.NamespaceDefault
		meta.SetNamespace(namespace)
	}
	if meta.GetName() == "" && meta.GetGenerateName() != "" {
		meta.SetName(meta.GetGenerateName() + "xxxxx")
	}
	meta.SetUID(fixedUID)
	ctx := genericapirequest.WithNamespace(context.Background(), namespace)
	var strategy rest.RESTCreateStrategy = jobstore.Strategy
	if head.Kind == "CronJob" {
		strategy = cronjobstore.Strategy
	}
	before := o.versionedJSON(obj.DeepCopyObject())
	strategy.PrepareForCreate(ctx, obj)
	v.Dropped = droppedPaths(before, o.versionedJSON(obj), "")
	errs := strategy.Validate(ctx, obj)
	if len(errs) == 0 {
		errs = genericvalidation.ValidateObjectMetaAccessor(meta, true, path.ValidatePathSegmentName, field.NewPath("metadata"))
	}
	for _, e := range errs {
		v.Errors = append(v.Errors, FieldError{Field: e.Field, Type: string(e.Type), Detail: e.ErrorBody()})
	}
	v.Warnings = append(v.Warnings, strategy.WarningsOnCreate(ctx, obj)...)
	v.Accepted = len(v.Errors) == 0
	v.PSS = o.podSecurity(obj)
	return v, true
}

// podSecurity evaluates the v1 pod template as the Pod Security admission plugin does for pod controllers.
func (o *oracle) podSecurity(obj runtime.Object) map[string]LevelVerdict {
	var template *corev1.PodTemplateSpec
	switch internal := obj.(type) {
	case *batch.Job:
		job := &batchv1.Job{}
		if err := legacyscheme.Scheme.Convert(internal, job, nil); err != nil {
			return nil
		}
		template = &job.Spec.Template
	case *batch.CronJob:
		cronJob := &batchv1.CronJob{}
		if err := legacyscheme.Scheme.Convert(internal, cronJob, nil); err != nil {
			return nil
		}
		template = &cronJob.Spec.JobTemplate.Spec.Template
	}
	verdicts := map[string]LevelVerdict{}
	for _, level := range []psaapi.Level{psaapi.LevelBaseline, psaapi.LevelRestricted} {
		results := o.evaluator.EvaluatePod(psaapi.LevelVersion{Level: level, Version: o.version}, &template.ObjectMeta, &template.Spec)
		verdict := LevelVerdict{Allowed: true, Reasons: []string{}}
		for _, result := range results {
			if !result.Allowed {
				verdict.Allowed = false
				reason := result.ForbiddenReason
				if result.ForbiddenDetail != "" {
					reason += " (" + result.ForbiddenDetail + ")"
				}
				verdict.Reasons = append(verdict.Reasons, reason)
			}
		}
		verdicts[string(level)] = verdict
	}
	return verdicts
}

var (
	unknownField   = regexp.MustCompile(`^unknown field "(.*)"$`)
	duplicateField = regexp.MustCompile(`^duplicate field "(.*)"$`)
	// json: cannot unmarshal string into Go struct field JobSpec.spec.backoffLimit of type int32
	typeMismatch = regexp.MustCompile(`Go struct field [A-Za-z0-9_]+\.(\S+) of type`)
)

func strictError(err error) FieldError {
	message := err.Error()
	if m := unknownField.FindStringSubmatch(message); m != nil {
		return FieldError{Field: m[1], Type: "FieldValueUnknown", Detail: message}
	}
	if m := duplicateField.FindStringSubmatch(message); m != nil {
		return FieldError{Field: m[1], Type: "FieldValueDuplicate", Detail: message}
	}
	return FieldError{Type: "StrictDecoding", Detail: message}
}

func decodeError(err error) FieldError {
	message := err.Error()
	if m := typeMismatch.FindStringSubmatch(message); m != nil {
		return FieldError{Field: m[1], Type: "FieldValueTypeInvalid", Detail: message}
	}
	return FieldError{Type: "DecodeError", Detail: message}
}

// versionedJSON renders an internal Job or CronJob as its batch/v1 JSON, the form a client sees.
func (o *oracle) versionedJSON(obj runtime.Object) any {
	var versioned runtime.Object
	switch obj.(type) {
	case *batch.Job:
		versioned = &batchv1.Job{}
	case *batch.CronJob:
		versioned = &batchv1.CronJob{}
	default:
		return nil
	}
	if err := legacyscheme.Scheme.Convert(obj, versioned, nil); err != nil {
		return nil
	}
	data, err := json.Marshal(versioned)
	if err != nil {
		return nil
	}
	var out any
	_ = json.Unmarshal(data, &out)
	return out
}

// droppedPaths lists the fields of before that after no longer has (status aside), as field paths.
func droppedPaths(before, after any, path string) []string {
	dropped := []string{}
	switch b := before.(type) {
	case map[string]any:
		a, _ := after.(map[string]any)
		for key, value := range b {
			child := key
			if path != "" {
				child = path + "." + key
			}
			if child == "status" {
				continue
			}
			next, ok := a[key]
			if !ok || next == nil {
				if value != nil {
					dropped = append(dropped, child)
				}
				continue
			}
			dropped = append(dropped, droppedPaths(value, next, child)...)
		}
	case []any:
		a, _ := after.([]any)
		for i, value := range b {
			child := fmt.Sprintf("%s[%d]", path, i)
			if i >= len(a) {
				dropped = append(dropped, child)
				continue
			}
			dropped = append(dropped, droppedPaths(value, a[i], child)...)
		}
	}
	sort.Strings(dropped)
	return dropped
}

// Decoded is one document as kubectl reads it: the JSON that YAMLToJSON makes of it, or the error kubectl reports.
type Decoded struct {
	Doc   int             `json:"doc"`
	JSON  json.RawMessage `json:"json,omitempty"`
	Error string          `json:"error,omitempty"`
}

// decodeStream reads a stream as kubectl's builder does (k8s.io/cli-runtime resource visitors): through
// k8s.io/apimachinery/pkg/util/yaml.NewYAMLOrJSONDecoder, which tries JSON first (concatenated JSON values) and
// falls back to YAML documents (YAMLToJSON each); empty documents are skipped, and the first error ends the file.
func decodeStream(input io.Reader) ([]Decoded, error) {
	decoder := utilyaml.NewYAMLOrJSONDecoder(input, 4096)
	out := []Decoded{}
	for doc := 0; ; doc++ {
		var raw json.RawMessage
		err := decoder.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			out = append(out, Decoded{Doc: doc, Error: err.Error()})
			break
		}
		trimmed := bytes.TrimSpace(raw)
		if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
			continue
		}
		// a JSON document is sent as written; compare it as the API server will read it (encoding/json: the last duplicate key wins)
		var value any
		if err := json.Unmarshal(trimmed, &value); err != nil {
			out = append(out, Decoded{Doc: doc, Error: err.Error()})
			break
		}
		normalized, _ := json.Marshal(value)
		out = append(out, Decoded{Doc: doc, JSON: json.RawMessage(normalized)})
	}
	return out, nil
}

// decodeStreams decodes many streams given as one JSON array of strings.
func decodeStreams(input io.Reader) error {
	var streams []string
	if err := json.NewDecoder(input).Decode(&streams); err != nil {
		return err
	}
	out := make([][]Decoded, 0, len(streams))
	for _, stream := range streams {
		docs, err := decodeStream(strings.NewReader(stream))
		if err != nil {
			return err
		}
		out = append(out, docs)
	}
	return writeJSON(out)
}

func writeJSON(value any) error {
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetEscapeHTML(false)
	return encoder.Encode(value)
}
