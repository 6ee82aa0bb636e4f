import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { canonicalJson, contentHash } from './names';

/**
 * Options for naming a Job by its content.
 */
export interface ContentNaming {
  /** The name before the hash: the user's, or one derived from the construct path. */
  readonly baseName: string;
  /** Folded into the hash (the construct path for derived names, so two equal Jobs never share a name). */
  readonly salt: string;
}

/**
 * A batch/v1 Job rendered from plain JSON. Unlike cdk8s-plus-28's generated `KubeJob`, it keeps every field
 * (successPolicy and managedBy came after the 1.28 schema it was generated from), and it can name the Job
 * after a hash of its whole spec, pod template included, so a changed Job is a new object under GitOps
 * (the template of a Job is immutable).
 */
export class JobResource extends ApiObject {
  constructor(scope: Construct, id: string, props: ApiObjectProps, private readonly naming?: ContentNaming) {
    super(scope, id, props);
  }

  public toJson(): any {
    const json = super.toJson();
    if (this.naming) {
      // cdk8s has sorted every key already, unless told not to
      const spec = process.env.CDK8S_DISABLE_SORT ? canonicalJson(json.spec) : JSON.stringify(json.spec);
      json.metadata.name = `${this.naming.baseName}-${contentHash(this.naming.salt + spec)}`;
    }
    return json;
  }
}
