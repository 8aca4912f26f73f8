/**
 * How the GitHub Actions runner reads a step's output, for the tests: a line whose text
 * (leading spaces trimmed) starts with `::` is a command; `::stop-commands::T` stops that
 * until a line `::T::`. Data and properties are unescaped as the runner does.
 */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');

/** The commands the runner would act on in `output`, in order. */
export function workflowCommands(output: string): WorkflowCommand[] {
  const found: WorkflowCommand[] = [];
  let stoppedUntil: string | null = null;
  // The runner splits lines at CR as well as LF.
  for (const raw of output.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    if (stoppedUntil !== null) {
      if (line === stoppedUntil) stoppedUntil = null;
      continue;
    }
    const match = /^::([^ :]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, command = '', props = '', data = ''] = match;
    if (command === 'stop-commands') {
      stoppedUntil = `::${data}::`;
      continue;
    }
    const properties = Object.fromEntries(
      props
        .split(',')
        .filter(Boolean)
        .map((p) => {
          const at = p.indexOf('=');
          return [p.slice(0, at), unescapeProperty(p.slice(at + 1))];
        }),
    );
    found.push({ command, properties, data: unescapeData(data) });
  }
  return found;
}
