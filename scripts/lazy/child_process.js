'use strict';
module.exports = require('./lazyBuiltin').lazyBuiltin('node:child_process');
