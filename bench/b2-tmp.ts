import { measureBundle, BUNDLES } from './src/bundle-size.ts';
for (const e of BUNDLES) console.log(e.id, JSON.stringify(await measureBundle(e, e.split)));
