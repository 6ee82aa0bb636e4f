/**
 * Corpus (c) of the differential tests: seeded mutations of valid Job and CronJob manifests, across every
 * pod-template area and every Job field. Each case applies one to three mutations, drawn from lists that mix
 * values the API server accepts with values it refuses, so roughly half of the corpus is invalid; which half is
 * for the oracle to say. The same seed gives the same corpus.
 */

export interface GeneratedCase {
  readonly id: string;
  /** Mutations applied, for reading a disagreement. */
  readonly mutations: string[];
  readonly manifest: any;
}

/** mulberry32: small, fast and good enough for picking mutations (a PRNG is bit arithmetic by nature). */
/* eslint-disable no-bitwise */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */

type Rng = () => number;
const pick = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)];

interface Target {
  readonly job: any; // the Job, or the CronJob's jobTemplate
  readonly pod: any;
  readonly container: any;
  readonly root: any;
}

type Mutation = (t: Target, rng: Rng) => string;

const LONG = 'x'.repeat(64);
const QUANTITIES = ['1Gi', '1 Gi', '1GB', '512K', '512k', '-1', '100m', '0.5', '1e3', '2Ki', '1.5Gi', '0', '10Mi', '+1', '1m'];
const LABEL_KEYS = ['app', 'example.com/team', 'Example.COM/team', 'a/b/c', '-bad', 'ok-key', 'x'.repeat(64), `${'a'.repeat(254)}/k`, 'kubernetes.io/x', 'with space'];
const LABEL_VALUES = ['v1', '', LONG, '-lead', 'trail-', 'a_b.c', 'has space', 'ok', 'a'.repeat(63), 'ünï'];

const MUTATIONS: Record<string, Mutation> = {
  // --- env
  envName: (t, rng) => {
    const name = pick(rng, ['GOOD_NAME', 'A=B', 'naïve', 'with space', '1START', '', 'a.b-c', 'tab\tname', '-x', '~']);
    t.container.env = [{ name, value: 'x' }];
    return `env name ${JSON.stringify(name)}`;
  },
  envValueAndFrom: (t, rng) => {
    const both = rng() < 0.5;
    t.container.env = [{ name: 'X', ...(both ? { value: 'v' } : {}), valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }];
    return both ? 'env value and valueFrom' : 'env valueFrom only';
  },
  envSecretKey: (t, rng) => {
    const key = pick(rng, ['password', 'a/b', '', 'a..b', '..', 'ok.key_1-2', 'x'.repeat(254)]);
    const name = pick(rng, ['db', 'Bad_Name', '', 'db-secret']);
    t.container.env = [{ name: 'PW', valueFrom: { secretKeyRef: { name, key } } }];
    return `secretKeyRef ${name}/${key}`;
  },
  envFieldPath: (t, rng) => {
    const fieldPath = pick(rng, ['metadata.name', 'metadata.labels', "metadata.labels['app']", 'status.podIP', 'spec.nodeName', 'spec.bogus', "metadata.annotations['batch.kubernetes.io/job-completion-index']", 'status.hostIPs']);
    t.container.env = [{ name: 'F', valueFrom: { fieldRef: { fieldPath } } }];
    return `fieldRef ${fieldPath}`;
  },
  envResourceField: (t, rng) => {
    const resource = pick(rng, ['limits.cpu', 'requests.memory', 'limits.bogus', 'cpu']);
    const containerName = pick(rng, [undefined, 'main', 'other']);
    t.container.env = [{ name: 'R', valueFrom: { resourceFieldRef: { resource, ...(containerName ? { containerName } : {}) } } }];
    return `resourceFieldRef ${resource} ${containerName}`;
  },
  envFrom: (t, rng) => {
    const prefix = pick(rng, ['', 'P_', 'bad=', '1']);
    const name = pick(rng, ['cfg', 'Bad_Name', '']);
    t.container.envFrom = [rng() < 0.5 ? { prefix, configMapRef: { name } } : { prefix, secretRef: { name }, configMapRef: { name: 'cfg' } }];
    return `envFrom ${prefix} ${name}`;
  },
  // --- resources
  resources: (t, rng) => {
    const resource = pick(rng, ['cpu', 'memory', 'ephemeral-storage', 'gpu', 'nvidia.com/gpu', 'hugepages-2Mi', 'example.com/foo', 'requests.cpu']);
    const request = pick(rng, QUANTITIES);
    const limit = pick(rng, QUANTITIES);
    const which = pick(rng, ['requests', 'limits', 'both']);
    const resources: any = {};
    if (which !== 'limits') resources.requests = { [resource]: request };
    if (which !== 'requests') resources.limits = { [resource]: limit };
    t.container.resources = resources;
    return `resources ${which} ${resource} ${request}/${limit}`;
  },
  resourcesNumber: (t, rng) => {
    const value = pick(rng, [1, 0.5, -1, 1e12]);
    t.container.resources = { requests: { cpu: value } };
    return `resources number ${value}`;
  },
  podResources: (t, rng) => {
    const cpu = pick(rng, ['1', '500m', '-1']);
    t.pod.resources = { limits: { cpu } };
    return `pod resources ${cpu}`;
  },
  // --- ports
  ports: (t, rng) => {
    const containerPort = pick(rng, [0, 1, 80, 65535, 65536, -1]);
    const name = pick(rng, [undefined, 'http', 'HTTP', 'averyveryverylongname', '1234', 'a--b', 'h_t']);
    const protocol = pick(rng, [undefined, 'TCP', 'UDP', 'SCTP', 'tcp', 'HTTP']);
    const port: any = { containerPort };
    if (name !== undefined) port.name = name;
    if (protocol !== undefined) port.protocol = protocol;
    t.container.ports = [port];
    if (rng() < 0.2) t.container.ports.push({ ...port, containerPort: 9090 });
    return `port ${JSON.stringify(t.container.ports)}`;
  },
  hostPort: (t, rng) => {
    const hostPort = pick(rng, [0, 8080, 70000]);
    t.container.ports = [{ containerPort: 8080, hostPort }];
    return `hostPort ${hostPort}`;
  },
  // --- labels and annotations
  jobLabels: (t, rng) => {
    const key = pick(rng, LABEL_KEYS);
    const value = pick(rng, LABEL_VALUES);
    t.job.metadata.labels = { [key]: value };
    return `job label ${key}=${value}`;
  },
  podLabels: (t, rng) => {
    const key = pick(rng, LABEL_KEYS);
    const value = pick(rng, LABEL_VALUES);
    t.job.spec.template.metadata = { labels: { [key]: value } };
    return `pod label ${key}=${value}`;
  },
  annotations: (t, rng) => {
    const key = pick(rng, LABEL_KEYS);
    const size = pick(rng, [10, 1000, 262144, 300000]);
    const where = pick(rng, ['job', 'pod']);
    const annotations = { [key]: 'v'.repeat(size) };
    if (where === 'job') t.job.metadata.annotations = annotations;
    else t.job.spec.template.metadata = { annotations };
    return `${where} annotation ${key} size ${size}`;
  },
  // --- probes and lifecycle
  probe: (t, rng) => {
    const kind = pick(rng, ['livenessProbe', 'readinessProbe', 'startupProbe']);
    const handler = pick(rng, ['none', 'exec', 'http', 'tcp', 'grpc', 'two']);
    const probe: any = {};
    if (handler === 'exec' || handler === 'two') probe.exec = { command: ['true'] };
    if (handler === 'http' || handler === 'two') probe.httpGet = { port: pick(rng, [8080, 'http', 0, 'Bad_Name']), path: '/healthz' };
    if (handler === 'tcp') probe.tcpSocket = { port: pick(rng, [8080, 70000]) };
    if (handler === 'grpc') probe.grpc = { port: pick(rng, [8080, 0]) };
    const threshold = pick(rng, [undefined, 1, 2, 0, -1]);
    if (threshold !== undefined) probe.successThreshold = threshold;
    const period = pick(rng, [undefined, 0, 10, -5]);
    if (period !== undefined) probe.periodSeconds = period;
    t.container[kind] = probe;
    return `${kind} ${handler} success ${threshold} period ${period}`;
  },
  lifecycle: (t, rng) => {
    const hook = pick(rng, ['preStop', 'postStart']);
    const handler = pick(rng, ['none', 'exec', 'sleep', 'sleepLong', 'two', 'tcp']);
    const h: any = {};
    if (handler === 'exec' || handler === 'two') h.exec = { command: ['true'] };
    if (handler === 'sleep' || handler === 'two') h.sleep = { seconds: 5 };
    if (handler === 'sleepLong') h.sleep = { seconds: 100 };
    if (handler === 'tcp') h.tcpSocket = { port: 80 };
    t.container.lifecycle = { [hook]: h };
    if (rng() < 0.5) t.pod.terminationGracePeriodSeconds = pick(rng, [30, 10, -1, 0]);
    return `lifecycle ${hook} ${handler} grace ${t.pod.terminationGracePeriodSeconds}`;
  },
  // --- volumes
  volumes: (t, rng) => {
    const kind = pick(rng, ['emptyDir', 'two', 'configMap', 'secret', 'hostPath', 'projected', 'downwardAPI', 'none', 'pvc']);
    const name = pick(rng, ['data', 'Data', 'a'.repeat(64), 'ok-1']);
    const volume: any = { name };
    if (kind === 'emptyDir' || kind === 'two') volume.emptyDir = pick(rng, [{}, { sizeLimit: '1Gi' }, { medium: 'Memory' }, { medium: 'Disk' }, { sizeLimit: '-1Gi' }]);
    if (kind === 'configMap' || kind === 'two') {
      volume.configMap = { name: pick(rng, ['cfg', 'Bad_Name']), defaultMode: pick(rng, [undefined, 0o644, 512, -1, 0o777]) };
      if (rng() < 0.6) volume.configMap.items = [{ key: pick(rng, ['k', '', 'a/b']), path: pick(rng, ['f.txt', '/etc/f', '../f', 'a/../b', 'a/b', '']) }];
    }
    if (kind === 'secret') volume.secret = { secretName: pick(rng, ['s', '', 'Bad_Name']), defaultMode: pick(rng, [0o400, 4096]) };
    if (kind === 'hostPath') volume.hostPath = { path: pick(rng, ['/data', '', 'relative']), type: pick(rng, [undefined, 'Directory', 'bogus']) };
    if (kind === 'projected') volume.projected = { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: pick(rng, [3600, 60, 1e10]) } }] };
    if (kind === 'downwardAPI') volume.downwardAPI = { items: [{ path: pick(rng, ['idx', '/abs', '..']), fieldRef: { fieldPath: pick(rng, ["metadata.annotations['batch.kubernetes.io/job-completion-index']", 'status.podIP', 'metadata.name']) } }] };
    if (kind === 'pvc') volume.persistentVolumeClaim = { claimName: pick(rng, ['claim', '']) };
    t.pod.volumes = [volume];
    if (rng() < 0.7) t.container.volumeMounts = [{ name, mountPath: pick(rng, ['/data', 'data', '', '/a:b']), ...(rng() < 0.2 ? { subPath: pick(rng, ['x', '../x', '/x']) } : {}) }];
    return `volume ${kind} ${JSON.stringify(volume).slice(0, 120)}`;
  },
  // --- scheduling
  tolerations: (t, rng) => {
    const operator = pick(rng, [undefined, 'Exists', 'Equal', 'In']);
    const toleration: any = {};
    const key = pick(rng, [undefined, 'dedicated', 'nvidia.com/gpu', 'Bad Key', '']);
    if (key !== undefined) toleration.key = key;
    if (operator !== undefined) toleration.operator = operator;
    const value = pick(rng, [undefined, 'batch', LONG]);
    if (value !== undefined) toleration.value = value;
    const effect = pick(rng, [undefined, 'NoSchedule', 'NoExecute', 'PreferNoSchedule', 'Bogus']);
    if (effect !== undefined) toleration.effect = effect;
    if (rng() < 0.3) toleration.tolerationSeconds = pick(rng, [60, -1]);
    t.pod.tolerations = [toleration];
    return `toleration ${JSON.stringify(toleration)}`;
  },
  nodeAffinity: (t, rng) => {
    const operator = pick(rng, ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Bogus']);
    const values = pick(rng, [[], ['a'], ['1', '2'], ['x']]);
    const key = pick(rng, ['zone', 'topology.kubernetes.io/zone', 'Bad Key']);
    const required = rng() < 0.5;
    const expression = { key, operator, values };
    const terms = rng() < 0.1 ? [] : [{ matchExpressions: [expression] }];
    t.pod.affinity = {
      nodeAffinity: required
        ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } }
        : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: pick(rng, [1, 100, 0, 101]), preference: terms[0] ?? {} }] },
    };
    return `node affinity ${required ? 'required' : 'preferred'} ${JSON.stringify(expression)} terms ${terms.length}`;
  },
  podAffinity: (t, rng) => {
    const kind = pick(rng, ['podAffinity', 'podAntiAffinity']);
    const topologyKey = pick(rng, ['kubernetes.io/hostname', '', 'Bad Key']);
    const selector = pick(rng, [{ matchLabels: { app: 'x' } }, { matchLabels: { app: '-bad' } }, { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }]);
    t.pod.affinity = { [kind]: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector, topologyKey }] } };
    return `${kind} ${topologyKey} ${JSON.stringify(selector)}`;
  },
  topologySpread: (t, rng) => {
    const constraint: any = {
      maxSkew: pick(rng, [1, 0, -1, 2]),
      topologyKey: pick(rng, ['topology.kubernetes.io/zone', '', 'Bad Key']),
      whenUnsatisfiable: pick(rng, ['DoNotSchedule', 'ScheduleAnyway', 'Bogus']),
    };
    if (rng() < 0.5) constraint.labelSelector = { matchLabels: { app: 'x' } };
    if (rng() < 0.3) constraint.minDomains = pick(rng, [1, 0, 3]);
    if (rng() < 0.2) constraint.nodeAffinityPolicy = pick(rng, ['Honor', 'Ignore', 'Bogus']);
    t.pod.topologySpreadConstraints = [constraint];
    if (rng() < 0.15) t.pod.topologySpreadConstraints.push({ ...constraint });
    return `topology spread ${JSON.stringify(t.pod.topologySpreadConstraints)}`;
  },
  dns: (t, rng) => {
    const policy = pick(rng, [undefined, 'ClusterFirst', 'Default', 'None', 'ClusterFirstWithHostNet', 'Bogus']);
    if (policy !== undefined) t.pod.dnsPolicy = policy;
    const config = pick(rng, [undefined, {}, { nameservers: ['1.1.1.1'] }, { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '1.0.0.1'] }, { nameservers: ['not-an-ip'] }, { searches: ['a.example', 'Bad_Domain'] }, { options: [{ name: 'ndots', value: '2' }, { name: '' }] }]);
    if (config !== undefined) t.pod.dnsConfig = config;
    return `dns ${policy} ${JSON.stringify(config)}`;
  },
  hostAliases: (t, rng) => {
    const ip = pick(rng, ['10.0.0.1', 'not-an-ip', '', '::1']);
    const hostnames = pick(rng, [['db.local'], ['Bad_Host'], []]);
    t.pod.hostAliases = [{ ip, hostnames }];
    return `hostAliases ${ip} ${hostnames}`;
  },
  schedulingGates: (t, rng) => {
    const names = pick(rng, [['example.com/gate'], ['gate', 'gate'], ['Bad Gate'], ['']]);
    t.pod.schedulingGates = names.map((name: string) => ({ name }));
    return `schedulingGates ${names}`;
  },
  nodeSelector: (t, rng) => {
    const key = pick(rng, LABEL_KEYS);
    const value = pick(rng, LABEL_VALUES);
    t.pod.nodeSelector = { [key]: value };
    return `nodeSelector ${key}=${value}`;
  },
  podNames: (t, rng) => {
    const field = pick(rng, ['priorityClassName', 'serviceAccountName', 'runtimeClassName', 'schedulerName', 'hostname', 'subdomain', 'nodeName']);
    const value = pick(rng, ['ok-name', 'Bad_Name', 'a.b', '', 'x'.repeat(254)]);
    t.pod[field] = value;
    return `${field} ${value}`;
  },
  imagePullSecrets: (t, rng) => {
    const name = pick(rng, ['regcred', '', 'Bad_Name']);
    t.pod.imagePullSecrets = [{ name }];
    return `imagePullSecrets ${name}`;
  },
  podOs: (t, rng) => {
    const name = pick(rng, ['linux', 'windows', 'mac']);
    t.pod.os = { name };
    return `os ${name}`;
  },
  // --- security context
  ids: (t, rng) => {
    const field = pick(rng, ['runAsUser', 'runAsGroup']);
    const value = pick(rng, [0, 1000, -1, 2147483648, 2147483647]);
    const where = pick(rng, ['pod', 'container']);
    if (where === 'pod') t.pod.securityContext = { [field]: value };
    else t.container.securityContext = { [field]: value };
    return `${where} ${field} ${value}`;
  },
  podIds: (t, rng) => {
    const field = pick(rng, ['fsGroup', 'supplementalGroups']);
    const value = pick(rng, [1000, -1, 4294967296]);
    t.pod.securityContext = { [field]: field === 'supplementalGroups' ? [value] : value };
    if (rng() < 0.3) t.pod.securityContext.fsGroupChangePolicy = pick(rng, ['Always', 'OnRootMismatch', 'Bogus']);
    return `pod ${JSON.stringify(t.pod.securityContext)}`;
  },
  seccomp: (t, rng) => {
    const type = pick(rng, ['RuntimeDefault', 'Localhost', 'Unconfined', 'Bogus']);
    const profile: any = { type };
    if (rng() < 0.5) profile.localhostProfile = pick(rng, ['profiles/audit.json', '', '/abs']);
    const where = pick(rng, ['pod', 'container']);
    if (where === 'pod') t.pod.securityContext = { seccompProfile: profile };
    else t.container.securityContext = { seccompProfile: profile };
    return `${where} seccomp ${JSON.stringify(profile)}`;
  },
  appArmor: (t, rng) => {
    const type = pick(rng, ['RuntimeDefault', 'Localhost', 'Unconfined', 'Bogus']);
    if (rng() < 0.5) {
      const profile: any = { type };
      if (type === 'Localhost' || rng() < 0.2) profile.localhostProfile = pick(rng, ['k8s-apparmor', '']);
      t.container.securityContext = { appArmorProfile: profile };
      return `apparmor field ${JSON.stringify(profile)}`;
    }
    const value = pick(rng, ['runtime/default', 'localhost/x', 'unconfined', 'bogus']);
    t.job.spec.template.metadata = { annotations: { 'container.apparmor.security.beta.kubernetes.io/main': value } };
    return `apparmor annotation ${value}`;
  },
  procMount: (t, rng) => {
    const procMount = pick(rng, ['Default', 'Unmasked', 'Bogus']);
    t.container.securityContext = { procMount };
    if (rng() < 0.5) t.pod.hostUsers = false;
    return `procMount ${procMount} hostUsers ${t.pod.hostUsers}`;
  },
  sysctls: (t, rng) => {
    const name = pick(rng, ['net.ipv4.ip_local_port_range', 'kernel.shm_rmid_forced', 'net.ipv4.tcp_keepalive_time', 'kernel.msgmax', 'bad name', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ping_group_range', 'net.ipv4.tcp_fin_timeout', 'vm.swappiness']);
    t.pod.securityContext = { sysctls: [{ name, value: '1' }] };
    return `sysctl ${name}`;
  },
  capabilities: (t, rng) => {
    const add = pick(rng, [[], ['NET_BIND_SERVICE'], ['SYS_ADMIN'], ['CHOWN'], ['ALL']]);
    const drop = pick(rng, [[], ['ALL'], ['NET_RAW']]);
    t.container.securityContext = { capabilities: { add, drop } };
    return `capabilities +${add} -${drop}`;
  },
  privileged: (t, rng) => {
    const privileged = rng() < 0.5;
    const escalation = pick(rng, [undefined, true, false]);
    t.container.securityContext = { privileged, ...(escalation === undefined ? {} : { allowPrivilegeEscalation: escalation }) };
    return `privileged ${privileged} escalation ${escalation}`;
  },
  hostNamespaces: (t, rng) => {
    const field = pick(rng, ['hostNetwork', 'hostPID', 'hostIPC']);
    t.pod[field] = rng() < 0.7;
    return `${field} ${t.pod[field]}`;
  },
  windows: (t, rng) => {
    const hostProcess = pick(rng, [true, false]);
    const where = pick(rng, ['pod', 'container', 'both']);
    const options = { windowsOptions: { hostProcess } };
    if (where !== 'container') t.pod.securityContext = { ...options };
    if (where !== 'pod') t.container.securityContext = { ...options };
    if (rng() < 0.5) t.pod.hostNetwork = true;
    if (rng() < 0.5) t.pod.os = { name: 'windows' };
    return `windows hostProcess ${hostProcess} ${where} hostNetwork ${t.pod.hostNetwork}`;
  },
  hardened: (t, rng) => {
    // the restricted controls, each present or not, so restricted passes in some cases
    const sc: any = {};
    if (rng() < 0.8) sc.allowPrivilegeEscalation = false;
    if (rng() < 0.8) sc.capabilities = { drop: ['ALL'] };
    if (rng() < 0.8) sc.runAsNonRoot = true;
    if (rng() < 0.8) sc.seccompProfile = { type: 'RuntimeDefault' };
    if (rng() < 0.3) sc.runAsUser = pick(rng, [0, 1000]);
    t.container.securityContext = sc;
    return `hardened ${JSON.stringify(sc)}`;
  },
  probesHost: (t, rng) => {
    const host = pick(rng, ['127.0.0.1', '10.0.0.1', 'example.com']);
    t.container.livenessProbe = { httpGet: { port: 8080, host } };
    return `probe host ${host}`;
  },
  // --- containers
  containerName: (t, rng) => {
    const name = pick(rng, ['main', 'Main', 'a'.repeat(64), '', 'x_y']);
    t.container.name = name;
    return `container name ${name}`;
  },
  image: (t, rng) => {
    const image = pick(rng, ['busybox:1.37', '', ' busybox', 'busybox ']);
    t.container.image = image;
    return `image ${JSON.stringify(image)}`;
  },
  pullPolicy: (t, rng) => {
    const policy = pick(rng, ['Always', 'IfNotPresent', 'Never', 'Sometimes']);
    t.container.imagePullPolicy = policy;
    return `imagePullPolicy ${policy}`;
  },
  terminationMessage: (t, rng) => {
    const policy = pick(rng, ['File', 'FallbackToLogsOnError', 'Bogus']);
    t.container.terminationMessagePolicy = policy;
    if (rng() < 0.3) t.container.terminationMessagePath = pick(rng, ['/dev/termination-log', 'relative']);
    return `terminationMessage ${policy} ${t.container.terminationMessagePath}`;
  },
  workingDir: (t, rng) => {
    const dir = pick(rng, ['/work', 'relative', '']);
    t.container.workingDir = dir;
    return `workingDir ${dir}`;
  },
  sidecar: (t, rng) => {
    const restartPolicy = pick(rng, ['Always', 'Never', 'OnFailure']);
    t.pod.initContainers = [{ name: 'sidecar', image: 'busybox:1.37', restartPolicy }];
    if (rng() < 0.4) t.pod.initContainers[0].startupProbe = { exec: { command: ['true'] } };
    if (rng() < 0.3) t.pod.initContainers[0].livenessProbe = { exec: { command: ['true'] } };
    return `init container restartPolicy ${restartPolicy}`;
  },
  // --- fields behind feature gates: dropped where the gate is off, validated where it is on
  restartRules: (t, rng) => {
    const rule: any = { action: pick(rng, ['Restart', 'Bogus']), exitCodes: { operator: pick(rng, ['In', 'NotIn']), values: pick(rng, [[42], [], [0]]) } };
    t.container.restartPolicy = pick(rng, ['Never', 'OnFailure', 'Always']);
    if (rng() < 0.8) t.container.restartPolicyRules = [rule];
    return `container restartPolicy ${t.container.restartPolicy} rules ${JSON.stringify(t.container.restartPolicyRules)}`;
  },
  fileEnv: (t, rng) => {
    const ref = { volumeName: pick(rng, ['cfg', 'missing']), path: pick(rng, ['env', '/abs', '']), key: pick(rng, ['CFG', '']) };
    t.container.env = [{ name: 'CFG', valueFrom: { fileKeyRef: ref } }];
    t.pod.volumes = [{ name: 'cfg', emptyDir: {} }];
    return `fileKeyRef ${JSON.stringify(ref)}`;
  },
  hostnameOverride: (t, rng) => {
    t.pod.hostnameOverride = pick(rng, ['worker', 'Bad_Host', 'a'.repeat(70)]);
    return `hostnameOverride ${t.pod.hostnameOverride}`;
  },
  unknownField: (t, rng) => {
    const where = pick(rng, ['container', 'pod', 'spec', 'root']);
    const key = pick(rng, ['foo', 'backoffLimits', 'Image']);
    ({ container: t.container, pod: t.pod, spec: t.job.spec, root: t.root } as any)[where][key] = 1;
    return `unknown field ${where}.${key}`;
  },
  typeMismatch: (t, rng) => {
    const which = pick(rng, ['backoffLimit', 'envValue', 'args', 'parallelism']);
    if (which === 'backoffLimit') t.job.spec.backoffLimit = 'six';
    if (which === 'envValue') t.container.env = [{ name: 'N', value: 5 }];
    if (which === 'args') t.container.args = 'run';
    if (which === 'parallelism') t.job.spec.parallelism = 2.5;
    return `type ${which}`;
  },
  // --- Job fields
  completions: (t, rng) => {
    const value = pick(rng, [null, 0, -1, 5, 1, 100001]);
    t.job.spec.completions = value;
    if (rng() < 0.5) t.job.spec.parallelism = pick(rng, [null, 0, -1, 3, 100001]);
    return `completions ${value} parallelism ${t.job.spec.parallelism}`;
  },
  limits: (t, rng) => {
    const field = pick(rng, ['backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished']);
    const value = pick(rng, [0, -1, 1, 2147483648, 6]);
    t.job.spec[field] = value;
    return `${field} ${value}`;
  },
  completionMode: (t, rng) => {
    const mode = pick(rng, ['Indexed', 'NonIndexed', 'Bogus']);
    t.job.spec.completionMode = mode;
    if (mode === 'Indexed' && rng() < 0.7) t.job.spec.completions = pick(rng, [3, 100001, undefined]);
    return `completionMode ${mode} completions ${t.job.spec.completions}`;
  },
  perIndex: (t, rng) => {
    t.job.spec.backoffLimitPerIndex = pick(rng, [1, 0, -1]);
    if (rng() < 0.5) t.job.spec.maxFailedIndexes = pick(rng, [0, 2, 10, -1]);
    if (rng() < 0.7) {
      t.job.spec.completionMode = 'Indexed';
      t.job.spec.completions = pick(rng, [3, 5]);
    }
    return `per-index ${t.job.spec.backoffLimitPerIndex} max ${t.job.spec.maxFailedIndexes} mode ${t.job.spec.completionMode}`;
  },
  podFailurePolicy: (t, rng) => {
    const action = pick(rng, ['FailJob', 'FailIndex', 'Ignore', 'Count', 'Bogus']);
    const rule: any = { action };
    const kind = pick(rng, ['exit', 'cond', 'both', 'none']);
    if (kind === 'exit' || kind === 'both') rule.onExitCodes = { operator: pick(rng, ['In', 'NotIn', 'Bogus']), values: pick(rng, [[1], [0], [1, 1], [3, 2], []]) };
    if (kind === 'cond' || kind === 'both') rule.onPodConditions = [{ type: pick(rng, ['DisruptionTarget', 'Bad Type']), status: pick(rng, ['True', 'False', 'Maybe']) }];
    t.job.spec.podFailurePolicy = { rules: [rule] };
    if (rng() < 0.3) t.pod.restartPolicy = 'OnFailure';
    return `podFailurePolicy ${JSON.stringify(rule)} restart ${t.pod.restartPolicy}`;
  },
  successPolicy: (t, rng) => {
    const rule: any = {};
    if (rng() < 0.7) rule.succeededIndexes = pick(rng, ['0-2', '1', '3-1', 'a', '0,0']);
    if (rng() < 0.5) rule.succeededCount = pick(rng, [1, 0, 10]);
    t.job.spec.successPolicy = { rules: [rule] };
    if (rng() < 0.7) {
      t.job.spec.completionMode = 'Indexed';
      t.job.spec.completions = 3;
    }
    return `successPolicy ${JSON.stringify(rule)} mode ${t.job.spec.completionMode}`;
  },
  replacement: (t, rng) => {
    const policy = pick(rng, ['Failed', 'TerminatingOrFailed', 'Bogus']);
    t.job.spec.podReplacementPolicy = policy;
    if (rng() < 0.4) t.job.spec.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
    return `podReplacementPolicy ${policy} pfp ${Boolean(t.job.spec.podFailurePolicy)}`;
  },
  selector: (t, rng) => {
    const manual = pick(rng, [undefined, true, false]);
    if (manual !== undefined) t.job.spec.manualSelector = manual;
    const labels = pick(rng, [{ app: 'x' }, { app: 'y' }]);
    t.job.spec.selector = { matchLabels: labels };
    if (rng() < 0.6) t.job.spec.template.metadata = { labels: { app: 'x' } };
    return `selector manual ${manual} ${JSON.stringify(labels)}`;
  },
  restartPolicy: (t, rng) => {
    const policy = pick(rng, ['Always', 'OnFailure', 'Never', undefined, 'Bogus']);
    if (policy === undefined) delete t.pod.restartPolicy;
    else t.pod.restartPolicy = policy;
    return `restartPolicy ${policy}`;
  },
  managedBy: (t, rng) => {
    const value = pick(rng, ['kubernetes.io/job-controller', 'kueue.x-k8s.io/multikueue', 'bogus', '', 'x'.repeat(70) + '/c']);
    t.job.spec.managedBy = value;
    return `managedBy ${value}`;
  },
  jobName: (t, rng) => {
    const name = pick(rng, ['ok', 'Bad_Name', 'a'.repeat(64), 'a.b', '', '1abc']);
    t.root.metadata.name = name;
    return `name ${name}`;
  },
  namespace: (t, rng) => {
    const namespace = pick(rng, ['batch', 'Bad_NS', 'a'.repeat(64), 'a.b']);
    t.root.metadata.namespace = namespace;
    return `namespace ${namespace}`;
  },
  podDeadline: (t, rng) => {
    t.pod.activeDeadlineSeconds = pick(rng, [0, 30, -1]);
    return `pod activeDeadlineSeconds ${t.pod.activeDeadlineSeconds}`;
  },
  suspend: (t, rng) => {
    t.job.spec.suspend = rng() < 0.5;
    return `suspend ${t.job.spec.suspend}`;
  },
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

function baseJob(n: number, rng: Rng): any {
  const indexed = rng() < 0.4;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `gen-${n}` },
    spec: {
      ...(indexed ? { completionMode: 'Indexed', completions: 4, parallelism: 2 } : {}),
      backoffLimit: 2,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'busybox:1.37', command: ['sh', '-c', 'echo ok'] }],
        },
      },
    },
  };
}

/** `count` cases from `seed`; about one in five is a CronJob. */
export function generateCorpus(seed: number, count: number): GeneratedCase[] {
  const rng = random(seed);
  const cases: GeneratedCase[] = [];
  for (let n = 0; n < count; n++) {
    let root = baseJob(n, rng);
    let job = root;
    if (rng() < 0.2) {
      root = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: `gen-${n}` }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: job.spec } } };
      job = { metadata: {}, spec: root.spec.jobTemplate.spec };
      root.spec.jobTemplate.metadata = job.metadata;
    }
    const target: Target = { root, job: job === root ? root : job, pod: job.spec.template.spec, container: job.spec.template.spec.containers[0] };
    if (target.job !== root) target.job.metadata = root.spec.jobTemplate.metadata;
    const mutations: string[] = [];
    const steps = 1 + Math.floor(rng() * 3);
    for (let s = 0; s < steps; s++) {
      const name = pick(rng, MUTATION_NAMES);
      mutations.push(MUTATIONS[name](target, rng));
    }
    if (target.job !== root && Object.keys(root.spec.jobTemplate.metadata).length === 0) delete root.spec.jobTemplate.metadata;
    cases.push({ id: `generated/${n}`, mutations, manifest: JSON.parse(JSON.stringify(root)) });
  }
  return cases;
}
