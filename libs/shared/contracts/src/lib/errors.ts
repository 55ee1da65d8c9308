/** Shape of every error the API answers with. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** For validation errors: one entry per bad field. */
  details?: FieldError[];
}

export interface FieldError {
  field: string;
  problems: string[];
}
