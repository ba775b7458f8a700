// Custom jobs through the JobService API: create, get, list, cancel, as UI-ready snapshots.
import type {CreateCustomJobRequest} from '../../core/job-spec/index.js';
import type {JobsApi} from './api.js';
import {toJobSnapshot, type JobSummary} from './job-snapshot.js';

export class JobService {
  constructor(private readonly api: JobsApi) {}

  async create(request: CreateCustomJobRequest): Promise<JobSummary> {
    return toJobSnapshot(await this.api.createCustomJob(request));
  }

  async get(name: string): Promise<JobSummary> {
    return toJobSnapshot(await this.api.getCustomJob(name));
  }

  async list(parent: string, filter?: string): Promise<JobSummary[]> {
    return (await this.api.listCustomJobs(parent, filter)).map((job) => toJobSnapshot(job));
  }

  async cancel(name: string): Promise<void> {
    await this.api.cancelCustomJob(name);
  }
}
