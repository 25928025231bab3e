// Sending a picked CSV file to a job (product import, batch shipping) and following that job: the one flow both
// upload dialogs share. The caller says which method takes the file.
import { useRef, useState } from 'react';
import type { Issue } from '../../../../electron/core/protocol/errors.ts';
import { MAX_CSV_BYTES } from '../../../../electron/core/protocol/limits.ts';
import type { Job } from '../../../../electron/core/protocol/contract.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { useJobs } from '../../stores/jobs.ts';
import { readFileAsBase64 } from '../file-transfer.ts';

export interface JobError {
  code?: string;
  issues?: Issue[];
}

export interface CsvUpload {
  input: React.RefObject<HTMLInputElement | null>;
  fileName: string | null;
  job: Job | undefined;
  running: boolean;
  callError: string | null;
  /** The job's error when it failed (a file with bad rows), else null. */
  failure: JobError | null;
  start(file: File): Promise<void>;
}

export function useCsvUpload(send: (file: File, dataBase64: string) => Promise<{ jobId: string }>): CsvUpload {
  const tr = useT();
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [callError, setCallError] = useState<string | null>(null);
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));

  async function start(file: File): Promise<void> {
    setFileName(file.name);
    setJobId(null);
    setCallError(null);
    if (file.size > MAX_CSV_BYTES) {
      setCallError(tr.msg('too_large'));
      return;
    }
    setSending(true);
    try {
      const { jobId: id } = await send(file, await readFileAsBase64(file));
      setJobId(id);
    } catch (error) {
      setCallError(describeError(tr, error));
    } finally {
      setSending(false);
      // The same file may be picked again after it was fixed.
      if (input.current) input.current.value = '';
    }
  }

  const running = sending || (jobId !== null && (!job || job.state === 'running'));
  const failure = job?.state === 'failed' ? ((job.error ?? {}) as JobError) : null;
  return { input, fileName, job, running, callError, failure, start };
}
