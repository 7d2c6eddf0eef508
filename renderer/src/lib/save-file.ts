/** A file for the operator to keep: how the host saves it differs, the page only hands it over. */
export interface DownloadFile {
  fileName: string;
  text: string;
  type: string;
}

export type SaveFile = (file: DownloadFile) => void;
