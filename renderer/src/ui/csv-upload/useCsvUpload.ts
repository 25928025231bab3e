// Sending a picked CSV file to a job (product import, batch shipping) and following that job: the one flow both
// upload dialogs share. The caller says which method takes the file. A product import may bring the pictures its
// 图片 column names, picked together with the CSV (several files, or a whole folder): they are sent first, as
// library pictures, and matched to the cells by name in the studio.
import { useRef, useState } from 'react';
import type { Issue } from '../../../../electron/core/protocol/errors.ts';
import { MAX_CSV_BYTES, MAX_IMAGE_BYTES } from '../../../../electron/core/protocol/limits.ts';
import type { Job } from '../../../../electron/core/protocol/contract.ts';
import { uploadFile, uploadPicture } from '../../api/uploads.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { useJobs } from '../../stores/jobs.ts';
import { csvText, isCsvFile, isPictureFile, pictureName, picturesNamedIn } from './picked-files.ts';

export interface JobError {
  code?: string;
  issues?: Issue[];
  issuesTotal?: number;
}

export interface PickedPicture {
  name: string;
  imageId: string;
}

/** What is being sent before the job starts: pictures one by one, then the CSV. */
export interface Sending {
  what: 'pictures' | 'csv';
  done: number;
  total: number;
}

export interface CsvUpload {
  input: React.RefObject<HTMLInputElement | null>;
  folderInput: React.RefObject<HTMLInputElement | null>;
  fileName: string | null;
  job: Job | undefined;
  running: boolean;
  sending: Sending | null;
  callError: string | null;
  /** The job's error when it failed (a file with bad rows), else null. */
  failure: JobError | null;
  /** How many pictures went with the file. */
  pictures: number;
  start(files: readonly File[]): Promise<void>;
}

export function useCsvUpload(
  send: (uploadId: string, pictures: PickedPicture[]) => Promise<{ jobId: string }>,
  options: { withPictures?: boolean } = {},
): CsvUpload {
  const tr = useT();
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const [pictures, setPictures] = useState(0);
  const [callError, setCallError] = useState<string | null>(null);
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));

  async function sendPictures(files: readonly File[], text: string): Promise<PickedPicture[] | null> {
    // Only what the file names goes over the network: a picked folder may hold much else.
    const wanted = picturesNamedIn(files.filter(isPictureFile), text);
    const sent: PickedPicture[] = [];
    for (const [i, file] of wanted.entries()) {
      setSending({ what: 'pictures', done: i, total: wanted.length });
      if (file.size > MAX_IMAGE_BYTES) {
        setCallError(`${pictureName(file)}: ${tr.msg('image_too_large')}`);
        return null;
      }
      try {
        sent.push({ name: pictureName(file), imageId: await uploadPicture(file) });
      } catch (error) {
        setCallError(`${pictureName(file)}: ${describeError(tr, error)}`);
        return null;
      }
    }
    setPictures(sent.length);
    return sent;
  }

  async function start(files: readonly File[]): Promise<void> {
    const csv = files.find(isCsvFile) ?? (files.length === 1 ? files[0] : undefined);
    setFileName(csv?.name ?? null);
    setJobId(null);
    setCallError(null);
    setPictures(0);
    try {
      if (!csv) {
        setCallError(tr.msg('import_no_csv'));
        return;
      }
      if (csv.size > MAX_CSV_BYTES) {
        setCallError(tr.msg('too_large'));
        return;
      }
      const picked = options.withPictures ? await sendPictures(files, await csvText(csv)) : [];
      if (!picked) return;
      setSending({ what: 'csv', done: 0, total: csv.size });
      const uploadId = await uploadFile(csv, 'csv', (done, total) => setSending({ what: 'csv', done, total }));
      const { jobId: id } = await send(uploadId, picked);
      setJobId(id);
    } catch (error) {
      setCallError(describeError(tr, error));
    } finally {
      setSending(null);
      // The same files may be picked again after they were fixed.
      if (input.current) input.current.value = '';
      if (folderInput.current) folderInput.current.value = '';
    }
  }

  const running = sending !== null || (jobId !== null && (!job || job.state === 'running'));
  const failure = job?.state === 'failed' ? ((job.error ?? {}) as JobError) : null;
  return { input, folderInput, fileName, job, running, sending, callError, failure, pictures, start };
}
