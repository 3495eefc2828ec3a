// IPC methods of the face detection: detected faces, dismissing false detections, drawn boxes.
export const facesContract = {};
