import { levelsAllowed } from './renshebufa-2019-90.js';
import { notAccessType } from './ch2-scope.js';
import { standardRequired } from './ch4-requirements.js';

export const rules = [levelsAllowed, notAccessType, standardRequired];
