#!/usr/bin/env node
// A committed stub, so `pnpm install` can link the bin before the package is built.
import '../dist/mintkit-fake-api.js';
