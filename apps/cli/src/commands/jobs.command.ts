import { serviceContext } from '@steppingstones/core';
import { cancelJob, listJobs, retryJob } from '@steppingstones/core/jobs';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { removeJobUpload } from '@steppingstones/core/runtime';
import type { JobDto } from '@steppingstones/shared';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';

function line(job: JobDto): string {
  const when = job.status === 'queued' ? `next ${job.next_run_at}` : (job.finished_at ?? job.updated_at);
  const repeat = job.repeat_seconds ? ` every ${job.repeat_seconds}s` : '';
  const error = job.last_error ? `\n        ${job.last_error.split('\n')[0]}` : '';
  return `${job.id}\t${job.status}\t${job.task}\t${job.engagement ?? 'instance'}\tattempts ${job.attempts}/${job.max_attempts}${repeat}\t${when}${error}`;
}

const jobId = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0)
    throw new Error(`"${value}" is not a job id (see: steppingstones jobs list)`);
  return id;
};

export function jobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('See, retry and cancel background jobs.');

  jobs
    .command('list')
    .description('List jobs: running, then queued by next run, then recently finished.')
    .option('--status <STATUS>', 'queued | running | failed | succeeded | cancelled | recent | all', 'all')
    .option('--task <NAME>', 'only this task, e.g. core:webhook.deliver')
    .option('--limit <N>', 'at most N jobs', '100')
    .option('--json', 'print JSON')
    .action((opts: { status: string; task?: string; limit: string; json?: boolean }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const page = await listJobs(ctx.database.db, {
            status: opts.status as 'all',
            limit: Number(opts.limit),
            ...(opts.task ? { task: opts.task } : {}),
          });
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(page.results, null, 2)}\n`);
            return;
          }
          if (!page.results.length) {
            process.stdout.write('No jobs.\n');
            return;
          }
          for (const job of page.results) process.stdout.write(`${line(job)}\n`);
          if (Number(page.count) > page.results.length)
            process.stdout.write(`(${page.results.length} of ${page.count}; use --limit or --status)\n`);
        }),
      ),
    );

  jobs
    .command('retry <id>')
    .description('Run a failed, cancelled or waiting job now, with a fresh attempt count.')
    .action((id: string) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const job = await retryJob(serviceContext(ctx, systemPrincipal('cli')), jobId(id));
          process.stdout.write(`Job ${job.id} (${job.task}) is queued to run now.\n`);
        }),
      ),
    );

  jobs
    .command('cancel <id>')
    .description('Cancel a queued or running job (a running task is stopped within seconds).')
    .action((id: string) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const job = await cancelJob(serviceContext(ctx, systemPrincipal('cli')), jobId(id));
          removeJobUpload(ctx.config.dataDir, job.payload);
          process.stdout.write(`Job ${job.id} (${job.task}) is cancelled.\n`);
        }),
      ),
    );
}
