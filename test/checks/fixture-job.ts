/** A minimal Job the API server accepts; each fixture is merged into it. */
export const BASE_JOB = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'fixture' },
  spec: {
    completionMode: 'Indexed',
    completions: 3,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.37' }] } },
  },
};

/** Deep merge where objects merge, arrays and scalars replace, and null deletes. */
export function merge(base: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: any = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = typeof base?.[key] === 'object' && !Array.isArray(base[key]) ? merge(base[key], value) : merge(undefined, value);
  }
  return result;
}


/** The manifest of a rule fixture: its Job merged onto BASE_JOB, wrapped as a CronJob's jobTemplate when it has `cronJob`. */
export function fixtureDocument(fixture: { job?: any; cronJob?: any; document?: any }): any {
  if (fixture.document !== undefined) return fixture.document;
  const job = merge(BASE_JOB, fixture.job ?? {});
  if (fixture.cronJob === undefined) return job;
  const cronJob = merge({ metadata: { name: 'fixture' }, spec: { schedule: '0 3 * * *' } }, fixture.cronJob);
  // the fixture's own Job metadata (not the base's name) is the jobTemplate's
  const template = fixture.job?.metadata !== undefined ? { metadata: fixture.job.metadata, spec: job.spec } : { spec: job.spec };
  return { apiVersion: 'batch/v1', kind: 'CronJob', ...cronJob, spec: { ...cronJob.spec, jobTemplate: template } };
}
