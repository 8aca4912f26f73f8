/** Arguments of `partnero-inspector merge <report.json>… [--junit FILE]`. */
import { COMMON_OPTIONS, readArgs } from '../args';
import { ArgError, nonEmpty } from '../validate';

/** The validated options of one `merge` run. */
export interface MergeOptions {
  help: boolean;
  /** The `--json` reports to join, in the order given. */
  files: string[];
  junit: string | undefined;
}

const OPTIONS = { junit: { type: 'string' }, ...COMMON_OPTIONS } as const;

/** Parses `merge …` (the command word first); an {@link ArgError} with the one-line reason when refused. */
export function parseMergeArgs(argv: string[]): MergeOptions {
  const { values, positionals } = readArgs(argv, OPTIONS);
  const help = values.help === true;
  const files = positionals.slice(1);
  if (!help && files.length === 0)
    throw new ArgError('merge needs the reports to join: partnero-inspector merge a.json b.json …');
  return { help, files, junit: nonEmpty('junit', values.junit) };
}
