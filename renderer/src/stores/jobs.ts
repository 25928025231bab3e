// Long-running jobs (imports, exports) as the core reports them. Events may arrive before the call that
// started the job has replied, so every job is kept by id and screens look theirs up.
import { create } from 'zustand';
import type { Job } from '../../../electron/core/protocol/contract.ts';
import type { StudioClient } from '../api/index.ts';

interface JobsState {
  jobs: Record<string, Job>;
  upsert(job: Job): void;
}

const isFinished = (job: Job) => job.state !== 'running';

export const useJobs = create<JobsState>((set, get) => ({
  jobs: {},
  upsert(job) {
    const known = get().jobs[job.id];
    // A finished job never goes back to running, whatever order the snapshot and the events arrive in.
    if (known && isFinished(known) && !isFinished(job)) return;
    set({ jobs: { ...get().jobs, [job.id]: job } });
  },
}));

export function bindJobs(client: StudioClient): void {
  client.on('job.updated', ({ job }) => useJobs.getState().upsert(job));
  client.onReady(() => {
    client
      .call('jobs.list', {})
      .then((jobs) => jobs.forEach((job) => useJobs.getState().upsert(job)))
      .catch(() => undefined); // the next hello retries
  });
}

/** Resolves when the job is done or failed (immediately if it already is). */
export function waitForJob(jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const check = (state: JobsState): boolean => {
      const job = state.jobs[jobId];
      if (job && isFinished(job)) {
        resolve(job);
        return true;
      }
      return false;
    };
    if (check(useJobs.getState())) return;
    const unsubscribe = useJobs.subscribe((state) => {
      if (check(state)) unsubscribe();
    });
  });
}
