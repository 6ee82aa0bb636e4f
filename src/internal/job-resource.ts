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
 * The render cache lives for one synchronous run: cdk8s validates the whole app once, then once more for
 * each chart it writes, and writes each object, all in one synchronous call. The next microtask ends it, so
 * user code in a later tick always sees a fresh render.
 */
let epoch = 0;
let epochEnding = false;

function currentEpoch(): number {
  if (!epochEnding) {
    epochEnding = true;
    queueMicrotask(() => {
      epoch++;
      epochEnding = false;
    });
  }
  return epoch;
}

/**
 * A batch/v1 Job rendered from plain JSON. Unlike cdk8s-plus-28's generated `KubeJob`, it keeps every field
 * (successPolicy and managedBy came after the 1.28 schema it was generated from), and it can name the Job
 * after a hash of its whole spec, pod template included, so a changed Job is a new object under GitOps
 * (the template of a Job is immutable).
 */
export class JobResource extends ApiObject {
  private cache?: { epoch: number; stamp: string; json: any };

  /**
   * @param stamp describes everything user code can change between two renders of one synchronous run
   *   (added containers, their mounts and env, patches, metadata); a render is reused only while it is equal.
   */
  constructor(scope: Construct, id: string, props: ApiObjectProps, private readonly naming?: ContentNaming, private readonly stamp?: () => string) {
    super(scope, id, props);
  }

  public toJson(): any {
    // the render is shared with the synth-time check and later calls: hand out a copy
    return copyJson(this._render());
  }

  /**
   * The manifest, reused within one synchronous run while nothing it depends on changed.
   * @internal
   */
  public _render(): any {
    const stamp = `${this.stamp?.() ?? ''}|${(this as any).patches.length}|${metadataStamp(this)}`;
    const now = currentEpoch();
    if (this.cache && this.cache.epoch === now && this.cache.stamp === stamp) return this.cache.json;
    const json = super.toJson();
    if (this.naming) {
      // cdk8s has sorted every key already, unless told not to
      const spec = process.env.CDK8S_DISABLE_SORT ? canonicalJson(json.spec) : JSON.stringify(json.spec);
      json.metadata.name = `${this.naming.baseName}-${contentHash(this.naming.salt + spec)}`;
    }
    this.cache = { epoch: now, stamp, json };
    return json;
  }
}

/**
 * What the metadata holds, as text, without resolving it: plain values are compared as they are; a Lazy or
 * other token among them is resolved, since what it produces may change within the run.
 */
function metadataStamp(apiObject: ApiObject): string {
  const metadata = apiObject.metadata as any;
  const raw = [metadata.name, metadata.namespace, metadata.labels, metadata.annotations, metadata.finalizers,
    metadata.ownerReferences, metadata._additionalAttributes];
  return raw.every(isPlainJson) ? JSON.stringify(raw) : JSON.stringify(apiObject.metadata.toJson());
}

function isPlainJson(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function';
  if (Array.isArray(value)) return value.every(isPlainJson);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (!isPlainJson((value as any)[key])) return false;
  return true;
}

/** A deep copy of JSON data; faster than structuredClone for the many small objects of a manifest. */
function copyJson(value: any): any {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: any = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') {
      // data here, never the prototype
      Object.defineProperty(copy, key, { value: copyJson(value[key]), enumerable: true, writable: true, configurable: true });
    } else {
      copy[key] = copyJson(value[key]);
    }
  }
  return copy;
}
