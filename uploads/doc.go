// Package uploads will store applicants' materials: a MinIO backend with presigned POST
// policies and a local-disk backend with HMAC-signed upload URLs, behind one interface, so
// the browser's upload code is the same for both. It arrives with the online pre-review
// issue; until then it holds only this description.
package uploads
