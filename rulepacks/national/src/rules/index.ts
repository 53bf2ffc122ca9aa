// The rules of the base: the five levels (人社部发〔2019〕90号) and, of 中就培函〔2020〕41号, 二 (准入类 excluded) and 四 (a standard).
import { levelsAllowed } from './renshebufa-2019-90.js';
import { notAccessType } from './ch2-scope.js';
import { standardRequired } from './ch4-requirements.js';

export const rules = [levelsAllowed, notAccessType, standardRequired];
