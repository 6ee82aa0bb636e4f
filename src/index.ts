export * from './kube-version';
export * from './job-settings';
export * from './pod-failure-policy';
export * from './work-items';
export * from './job-base';
export * from './indexed-job';
export * from './job-checks';
export * from './validation-plugin';
