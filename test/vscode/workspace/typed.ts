// TypeScript: lines in the panel and the editor are the .ts lines.
interface Job {
  id: number;
  name: string;
}

async function run(job: Job): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return `${job.name}#${job.id}`;
}

run({ id: 1, name: 'first' }).then((v: string) => console.log('done', v));
console.log('scheduled');
