/**
 * Whether the command line writes colour (and any other escape sequence) to a stream: the one
 * decision every coloured output takes (the reports on stdout, the spinner on stderr).
 *
 * The common convention (no-color.org, force-color.org, Node's own): `FORCE_COLOR` set to
 * anything but empty, `0` or `false` forces colour, even into a pipe, and wins over `NO_COLOR`
 * (so a CI job can turn colour back on in a shell that sets `NO_COLOR`); `FORCE_COLOR=0` turns
 * it off; otherwise a non-empty `NO_COLOR` turns it off; otherwise colour is on for a
 * terminal, unless it is `TERM=dumb`.
 */

/** The one decision: colour on `stream` given the environment `env`. */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
