import { parleyPackage } from '../../tsdown.preset.ts';

export default parleyPackage({ entry: ['src/index.ts', 'src/cli.ts'], platform: 'node' });
