module github.com/cdk8s-jobs/cdk8s-jobs/bindings/go

go 1.25

require (
	github.com/aws/constructs-go/constructs/v10 v10.3.0
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk8s-jobs/cdk8s-jobs-go/cdk8sjobs v0.0.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.68.12
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2 v2.5.6
)

// scripts/bindings.sh points these at the modules jsii-pacmak generates: this package, and (where the Go module
// proxy does not serve them) cdk8s, cdk8s-plus-28 and constructs, from the same npm packages the TypeScript app uses
replace github.com/cdk8s-jobs/cdk8s-jobs-go/cdk8sjobs => ../../dist/go/cdk8sjobs
