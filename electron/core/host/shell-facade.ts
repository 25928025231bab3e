// What the Electron shell (electron/main) uses of the core besides the protocol, the host's entry points and the
// machine helpers in system/: restoring a backup before the core starts, the database's file name, and the media
// tickets it checks itself to serve clips over app://. The lint keeps main from reaching past this into the
// domains or the database.
export { DB_FILE } from '../db/connection.ts';
export { restoreBackup } from '../db/restore.ts';
export { MEDIA_PATH, MediaTickets } from '../media/media-tickets.ts';
