/** `program.multiple`: several programs on one page — legitimate (affiliate + refer-a-friend), worth knowing. */
import { defineRule } from './rule';
import { list, quote } from './text';

export default defineRule('program.multiple', ({ programIds }) =>
  programIds.length > 1
    ? [
        {
          severity: 'info',
          message: `${programIds.length} programs are loaded: ${list(programIds.slice(0, 5).map((id) => quote(id, 40)))}.`,
          fix: 'Fine for an affiliate plus a refer-a-friend program; otherwise remove the extra load calls.',
        },
      ]
    : [],
);
