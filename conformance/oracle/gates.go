package main

import (
	"encoding/json"
	"os"
	"sort"

	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/featuregate"
	_ "k8s.io/kubernetes/pkg/features" // registers the Kubernetes feature gates with their version history
)

// GateStage is one entry of a feature gate's history: from this version on, the gate has this default.
type GateStage struct {
	Version    string `json:"version"`
	Default    bool   `json:"default"`
	PreRelease string `json:"preRelease"`
}

// dumpGates prints every feature gate of this Kubernetes line with its versioned defaults, as
// pkg/features declares them (defaultVersionedKubernetesFeatureGates).
func dumpGates() error {
	versioned := utilfeature.DefaultMutableFeatureGate.(featuregate.MutableVersionedFeatureGate).GetAllVersioned()
	out := map[string][]GateStage{}
	for name, specs := range versioned {
		stages := []GateStage{}
		for _, spec := range specs {
			if spec.Version == nil {
				continue
			}
			stages = append(stages, GateStage{Version: spec.Version.String(), Default: spec.Default, PreRelease: string(spec.PreRelease)})
		}
		sort.Slice(stages, func(i, j int) bool { return stages[i].Version < stages[j].Version })
		out[string(name)] = stages
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", " ")
	return encoder.Encode(out)
}
