import { parleyPackage } from '../../tsdown.preset.ts';

export default parleyPackage();
