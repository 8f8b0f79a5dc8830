-- Derby's name of report's primary key, for the queue's optimizer hint (JdbcCases.from).
SELECT c.constraintname FROM sys.sysconstraints c JOIN sys.systables t ON c.tableid = t.tableid
WHERE t.tablename = 'REPORT' AND c.type = 'P'
