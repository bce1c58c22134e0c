"""The request path, one job per module.

spec      an OperationSpec per operation, built once from the model
router    (method, path) -> the one operation
request   WireRequest: every way moto hands over a request, as one shape
codec     request bytes -> parameters; results and errors -> JSON
pipeline  the named steps every request runs through
errors    errors of the request itself (no model shape)
"""
