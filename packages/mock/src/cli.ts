#!/usr/bin/env node
console.log('parley-mock');
