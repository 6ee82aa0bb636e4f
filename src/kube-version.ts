/** Versions already parsed: the checker asks for the same few many times per Job. */
const PARSED = new Map<string, KubeVersion>();

/**
 * A Kubernetes minor version that manifests are synthesized and checked for.
 *
 * Fields that the target version does not serve (a feature gate still off, or the field not yet in the API)
 * are refused at synth instead of being dropped silently by the API server.
 */
export class KubeVersion {
  public static readonly V1_27 = new KubeVersion(1, 27);
  public static readonly V1_28 = new KubeVersion(1, 28);
  public static readonly V1_29 = new KubeVersion(1, 29);
  public static readonly V1_30 = new KubeVersion(1, 30);
  public static readonly V1_31 = new KubeVersion(1, 31);
  public static readonly V1_32 = new KubeVersion(1, 32);
  public static readonly V1_33 = new KubeVersion(1, 33);
  public static readonly V1_34 = new KubeVersion(1, 34);
  public static readonly V1_35 = new KubeVersion(1, 35);
  public static readonly V1_36 = new KubeVersion(1, 36);
  public static readonly V1_37 = new KubeVersion(1, 37);

  /** The version used when none is configured. */
  public static readonly DEFAULT = KubeVersion.V1_34;

  /**
   * Parses `"1.33"` (a leading `v` and a patch level are accepted: `v1.33.2`).
   */
  public static of(version: string): KubeVersion {
    const known = PARSED.get(version);
    if (known) return known;
    const match = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(version.trim());
    if (!match || Number(match[1]) !== 1 || Number(match[2]) < 27) {
      throw new Error(`kubernetes version must look like "1.34" and be 1.27 or newer, got ${JSON.stringify(version)}`);
    }
    const parsed = new KubeVersion(Number(match[1]), Number(match[2]));
    if (PARSED.size < 1000) PARSED.set(version, parsed);
    return parsed;
  }

  private constructor(public readonly major: number, public readonly minor: number) {}

  /** Whether this version is `other` or newer. */
  public isAtLeast(other: KubeVersion): boolean {
    return this.major > other.major || (this.major === other.major && this.minor >= other.minor);
  }

  /** `"1.34"` */
  public toString(): string {
    return `${this.major}.${this.minor}`;
  }
}
