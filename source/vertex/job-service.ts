// Custom jobs through the official JobService client: create, get, list, cancel.
import type {CreateCustomJobRequest} from '../job-spec/index.js';
import type {Clients} from './clients.js';
import {toJobSnapshot, type JobSnapshot} from './job-snapshot.js';

export class JobService {
  constructor(private readonly clients: Clients) {}

  async create(request: CreateCustomJobRequest): Promise<JobSnapshot> {
    const [job] = await this.clients.jobs.createCustomJob(request as never);
    return toJobSnapshot(job);
  }

  async get(name: string): Promise<JobSnapshot> {
    const [job] = await this.clients.jobs.getCustomJob({name});
    return toJobSnapshot(job);
  }

  async list(parent: string, filter?: string): Promise<JobSnapshot[]> {
    const [jobs] = await this.clients.jobs.listCustomJobs(
      {parent, ...(filter && {filter})},
      {autoPaginate: true},
    );
    return jobs.map(toJobSnapshot);
  }

  async cancel(name: string): Promise<void> {
    await this.clients.jobs.cancelCustomJob({name});
  }
}
