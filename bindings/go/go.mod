module github.com/cdk8s-jobs/cdk8s-jobs/bindings/go

go 1.25

require (
	github.com/aws/constructs-go/constructs/v10 v10.3.0
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk8s-jobs/cdk8s-jobs-go/cdk8sjobs v0.0.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.69.0
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2 v2.5.6
)

replace github.com/cdk8s-jobs/cdk8s-jobs-go/cdk8sjobs => ../../dist/go/cdk8sjobs
