#!/usr/bin/env node
// The `parley-mock` command. A file of its own, outside dist/, so that installing the
// workspace can link the command before anything is built; the program is dist/cli.js.
import '../dist/cli.js';
