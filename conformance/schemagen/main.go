// Command schemagen writes, for one Kubernetes minor line, every field of every object reachable from batch/v1
// Job and CronJob with its JSON type, read from k8s.io/api's own Go types: reflection gives the fields (JSON
// names, inline members, pointers, slices, maps), and the `+enum` markers in the module's Go source give the
// values of enum types. It is run once per line with -modfile=go.1.NN.mod (see generate.sh); the merge into
// src/checks/schema/job-schema.json is done by scripts/merge-job-schema.ts.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	batchv1 "k8s.io/api/batch/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

type output struct {
	Roots       map[string]any            `json:"roots"`
	Definitions map[string]map[string]any `json:"definitions"`
}

var (
	quantityType    = reflect.TypeOf(resource.Quantity{})
	intOrStringType = reflect.TypeOf(intstr.IntOrString{})
	timeType        = reflect.TypeOf(metav1.Time{})
	microTimeType   = reflect.TypeOf(metav1.MicroTime{})
	durationType    = reflect.TypeOf(metav1.Duration{})
	rawType         = reflect.TypeOf(runtime.RawExtension{})
	fieldsV1Type    = reflect.TypeOf(metav1.FieldsV1{})
)

func main() {
	enums := readEnums()
	out := output{Roots: map[string]any{}, Definitions: map[string]map[string]any{}}
	g := &generator{out: &out, enums: enums}
	out.Roots["Job"] = g.describe(reflect.TypeOf(batchv1.Job{}))
	out.Roots["CronJob"] = g.describe(reflect.TypeOf(batchv1.CronJob{}))
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", " ")
	if err := encoder.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type generator struct {
	out   *output
	enums map[string][]string
}

// name gives the schema's definition key: "batch/v1/JobSpec", "v1/Container", "apimachinery/apis/meta/v1/ObjectMeta".
func name(t reflect.Type) string {
	p := t.PkgPath()
	switch {
	case strings.HasPrefix(p, "k8s.io/api/core/"):
		p = strings.TrimPrefix(p, "k8s.io/api/core/")
	case strings.HasPrefix(p, "k8s.io/api/"):
		p = strings.TrimPrefix(p, "k8s.io/api/")
	case strings.HasPrefix(p, "k8s.io/apimachinery/pkg/"):
		p = "apimachinery/" + strings.TrimPrefix(p, "k8s.io/apimachinery/pkg/")
	}
	return p + "/" + t.Name()
}

func (g *generator) describe(t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case quantityType, intOrStringType:
		return "string|number"
	case timeType, microTimeType, durationType:
		return "string"
	case rawType, fieldsV1Type:
		return "any"
	}
	if values, ok := g.enums[t.PkgPath()+"."+t.Name()]; ok && t.Kind() == reflect.String {
		return map[string]any{"enum": values}
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16,
		reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "string" // []byte is base64 text in JSON
		}
		return map[string]any{"array": g.describe(t.Elem())}
	case reflect.Map:
		return map[string]any{"map": g.describe(t.Elem())}
	case reflect.Interface:
		return "any"
	case reflect.Struct:
		key := name(t)
		if _, seen := g.out.Definitions[key]; !seen {
			fields := map[string]any{}
			g.out.Definitions[key] = fields
			g.fields(t, fields)
		}
		return map[string]any{"ref": key}
	}
	panic(fmt.Sprintf("unhandled type %v", t))
}

// fields adds the JSON fields of struct t, flattening inline and embedded members as encoding/json does.
func (g *generator) fields(t reflect.Type, into map[string]any) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		parts := strings.Split(tag, ",")
		inline := f.Anonymous && parts[0] == "" || contains(parts[1:], "inline")
		if inline {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				g.fields(ft, into)
				continue
			}
		}
		jsonName := parts[0]
		if jsonName == "" {
			jsonName = f.Name
		}
		into[jsonName] = g.describe(f.Type)
	}
}

func contains(values []string, want string) bool {
	for _, v := range values {
		if v == want {
			return true
		}
	}
	return false
}

// readEnums finds the types marked `+enum` in the Go source of k8s.io/api core/v1 and batch/v1 (as the module
// version in use has them) and collects the values of their typed string constants.
func readEnums() map[string][]string {
	cmd := exec.Command("go", append([]string{"list"}, append(modfileArgs(), "-m", "-f", "{{.Dir}}", "k8s.io/api")...)...)
	cmd.Stderr = os.Stderr
	dir, err := cmd.Output()
	if err != nil {
		panic(fmt.Sprintf("go list -m k8s.io/api: %v", err))
	}
	root := strings.TrimSpace(string(dir))
	enums := map[string][]string{}
	for _, pkg := range []string{"core/v1", "batch/v1"} {
		fset := token.NewFileSet()
		packages, err := parser.ParseDir(fset, filepath.Join(root, pkg), func(info os.FileInfo) bool {
			return !strings.HasSuffix(info.Name(), "_test.go")
		}, parser.ParseComments)
		if err != nil {
			panic(err)
		}
		marked := map[string]bool{}
		values := map[string][]string{}
		for _, p := range packages {
			for _, file := range p.Files {
				for _, decl := range file.Decls {
					gen, ok := decl.(*ast.GenDecl)
					if !ok {
						continue
					}
					for _, spec := range gen.Specs {
						switch s := spec.(type) {
						case *ast.TypeSpec:
							doc := s.Doc
							if doc == nil {
								doc = gen.Doc
							}
							if doc != nil && strings.Contains(doc.Text(), "+enum") {
								marked[s.Name.Name] = true
							}
						case *ast.ValueSpec:
							ident, ok := s.Type.(*ast.Ident)
							if gen.Tok != token.CONST || !ok {
								continue
							}
							for _, v := range s.Values {
								if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
									if text, err := strconv.Unquote(lit.Value); err == nil {
										values[ident.Name] = append(values[ident.Name], text)
									}
								}
							}
						}
					}
				}
			}
		}
		for typeName := range marked {
			list := values[typeName]
			sort.Strings(list)
			enums["k8s.io/api/"+pkg+"."+typeName] = dedupe(list)
		}
	}
	return enums
}

func dedupe(values []string) []string {
	out := []string{}
	for i, v := range values {
		if i == 0 || v != values[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// modfileArgs passes this run's -modfile on to go list, so the source read is the version compiled in.
func modfileArgs() []string {
	if file := os.Getenv("SCHEMAGEN_MODFILE"); file != "" {
		return []string{"-modfile=" + file}
	}
	return nil
}
