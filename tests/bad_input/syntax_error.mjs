console.log('before the error');
const x = ;
