#!/usr/bin/env node
// `livecart` on PATH (npm link / npx): Node 24 runs the TypeScript core directly.
import '../electron/core/cli.ts';
