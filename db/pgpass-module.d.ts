// The pgpass package (node-postgres's own) ships no types: the one call the app makes.
declare module 'pgpass' {
  function pgPass(connInfo: { host: string; port: string; database: string; user: string }, callback: (password: string | undefined) => void): void;
  export default pgPass;
}
