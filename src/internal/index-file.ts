import { Contribution } from './contribution';
import { COMPLETION_INDEX_FIELD } from './downward-api';

/** The completion index as a file: a downwardAPI volume, mounted at the file's directory in every container. */
export function indexFileContribution(path: string, filePath: string, volumeName: string = 'job-completion-index'): Contribution {
  if (!filePath.startsWith('/') || filePath.endsWith('/')) {
    throw new Error(`${path}: indexFile.path must be an absolute file path such as "/etc/job/index", got ${JSON.stringify(filePath)}`);
  }
  const slash = filePath.lastIndexOf('/');
  return {
    volumes: [{
      name: volumeName,
      downwardAPI: { items: [{ path: filePath.slice(slash + 1), fieldRef: { fieldPath: COMPLETION_INDEX_FIELD } }] },
    }],
    mounts: [{ name: volumeName, mountPath: slash === 0 ? '/' : filePath.slice(0, slash) }],
  };
}
