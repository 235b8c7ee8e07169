// A thrown object that is not an error: inspected, and no hint.
throw { code: 42, nested: { list: [1, 2] } };
