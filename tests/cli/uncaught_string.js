// A thrown primitive: printed as it is, with the --trace-uncaught hint.
throw 'plain string';
