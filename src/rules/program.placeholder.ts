/** `program.placeholder`: `po('program', ID, 'load')` with a template left unfilled. */

import { callTarget } from './calls';
import { isPlaceholderProgramId } from './placeholder';
import { defineRule } from './rule';
import { show } from './text';

export default defineRule('program.placeholder', ({ programLoads }) =>
  programLoads
    .filter(({ id }) => isPlaceholderProgramId(id))
    .map((load) => ({
      severity: 'error',
      message: `The program is loaded with the id ${show(load.id)}: a template value left unfilled, so no program settings load.`,
      fix: 'Replace it with your public program id from Partnero → Integration (check the env variable or template).',
      target: callTarget(load),
    })),
);
